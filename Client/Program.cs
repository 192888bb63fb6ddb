return SmartMixed.Client.SmartMixedApp.Run(args);
