namespace SmartMixed.GrainInterfaces;
