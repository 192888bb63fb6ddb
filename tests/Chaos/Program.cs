using SmartMixed.Chaos;

// The seeded chaos test (see ChaosRun). Exit code 0: every invariant held; 1: one did not; 2: bad arguments.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(ChaosOptions.Usage);
    return 0;
}
ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}
return await ChaosRun.RunAsync(options);
