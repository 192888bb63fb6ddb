using SmartMixed.Benchmarks;
using Spectre.Console;

// dotnet run -c Release --project tests/Benchmarks -- epoch|baselines|sweep|scale|early-stopping [options]   (see README, "Benchmarks")
var command = args.FirstOrDefault();
AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 160); // tables stay readable in a log or a pipe
try
{
    return command switch
    {
        "epoch" => EpochBenchmark.Run(args[1..]),
        "sweep" => SweepBenchmark.Run(args[1..]),
        "baselines" => BaselinesBenchmark.Run(args[1..]),
        "scale" => ScaleBenchmark.Run(args[1..]),
        "early-stopping" => EarlyStoppingBenchmark.Run(args[1..]),
        "scale-silo" => ScaleBenchmark.Silo(args[1..]),
        "scale-export" => ScaleBenchmark.Export(args[1..]),
        _ => Usage(),
    };
}
catch (BenchmarkException e)
{
    AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Benchmarks epoch [--epochs N] [--noise per_sample|per_batch|both] [--python PATH] [--no-pytorch]");
    Console.Error.WriteLine("       Benchmarks baselines [--seeds 5] [--epochs 20] [--switch 10] [--hidden 512,256,128,64] [--dataset mnist-npm10k]");
    Console.Error.WriteLine("       Benchmarks sweep [--runs 8] [--epochs 4] [--hidden 256,128] [--dataset mnist-npm10k] [--storage sqlite|memory]");
    Console.Error.WriteLine("       Benchmarks early-stopping [--spec examples/ablation-halving.yaml] [--slots 2]");
    Console.Error.WriteLine("       Benchmarks scale [--sizes 1000,10000,100000] [--epochs 50] [--slots 16] [--redis-size 10000] [--redis-silos 3] [--no-redis] [--trainer simulated|real]");
    return 2;
}
