using SmartMixed.Client;

// A failure on a background thread would end the process with the runtime's stack trace: report it as every other
// failure is (one line, the full trace in the log) and exit.
AppDomain.CurrentDomain.UnhandledException += (_, e) =>
{
    if (e.ExceptionObject is Exception error) Environment.Exit(ExitCodes.Report(error, args));
};
return SmartMixedApp.Run(args);
