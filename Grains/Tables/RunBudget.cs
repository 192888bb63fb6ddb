using System.Text.Json;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Tables;

/// <summary>
/// What a run spent, for a fair comparison with its baselines (DESIGN §5 "Budgets"): epochs and optimiser steps in the
/// selection phase (1) and the fixed phase (2), all steps, wall seconds, and whether phase 2 started from fresh or
/// carried-over weights (with fresh weights phase 2 alone trains the final network).
/// <para>
/// Phase-1 epochs are the switch epoch (the last epoch of phase 1), phase-2 epochs the rest of the epochs run; a
/// baseline has no phases (null) and spends <see cref="Epochs"/>. Steps are the trainer's counts when the run's outcome
/// carries them (null otherwise); <see cref="Steps"/> is their sum.
/// </para>
/// </summary>
public sealed record RunBudget(int Epochs, int? Phase1Epochs, int? Phase2Epochs, long? Phase1Steps, long? Phase2Steps, long? Steps, double WallSeconds)
{
    public static RunBudget Of(RunOutcome o)
    {
        int? p1 = o.SwitchEpoch;
        int? p2 = o.SwitchEpoch is { } s ? o.EpochsRun - s : null;
        long? steps = o.Phase1Steps is null && o.Phase2Steps is null ? null : (o.Phase1Steps ?? 0) + (o.Phase2Steps ?? 0);
        return new RunBudget(o.EpochsRun, p1, p2, o.Phase1Steps, o.Phase2Steps, steps, o.WallSeconds);
    }

    /// <summary>"fresh" or "carry" from a run config's <c>phase_two.weights</c>; null for a baseline or an unknown config.</summary>
    public static string? PhaseTwoWeights(string? configJson)
    {
        if (configJson is null) return null;
        using var doc = JsonDocument.Parse(configJson);
        var root = doc.RootElement;
        if (root.TryGetProperty("fixed", out var f) && f.ValueKind == JsonValueKind.String) return null;
        return root.TryGetProperty("phase_two", out var p) && p.ValueKind == JsonValueKind.Object
               && p.TryGetProperty("weights", out var w) && w.ValueKind == JsonValueKind.String
            ? w.GetString()
            : null;
    }
}
