using SmartMixed.Client;
using SmartMixed.Client.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("smartmixed");
    config.PropagateExceptions();
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train one SmartMixed (or fixed-activation) network locally.")
        .WithExample("train", "--dataset", "mnist-npm10k", "--hidden", "512,256,128,64", "--epochs", "20", "--out", "runs/x")
        .WithExample("train", "--preset", "reference", "--epochs", "100", "--switch", "50")
        .WithExample("train", "--fixed", "relu", "--epochs", "10");
    config.AddBranch("data", data =>
    {
        data.SetDescription("Data sets: what is here, and fetching them.");
        data.AddCommand<DataListCommand>("list").WithDescription("List the data sets and whether they are available locally.");
        data.AddCommand<DataFetchCommand>("fetch").WithDescription("Download or install a data set into the cache.");
    });
});

return ExitCodes.Run(() => app.Run(args));
