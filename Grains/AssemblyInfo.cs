namespace SmartMixed.Grains;
