using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Report;

/// <summary>
/// The <see cref="CellCurves"/> of the cells a report draws (<paramref name="only"/>, chosen from the cells' outcomes
/// beforehand; null: every cell), filled from the run rows as an export streams them (each run read once, its curve
/// dropped once added): bounded by the cells drawn, never O(runs × epochs). Only Done runs count, so the curves describe
/// the runs the tables summarise.
/// </summary>
public sealed class CurveBook(IReadOnlySet<string>? only = null)
{
    private readonly Dictionary<string, CellCurves> _cells = new(StringComparer.Ordinal);

    public CellCurves? For(string cellKey) => _cells.GetValueOrDefault(cellKey);

    public void Add(RunRow row)
    {
        if (row.Record is not { } record || record.Outcome.Status != RunStatus.Done || record.Curve.Epochs == 0) return;
        if (only is not null && !only.Contains(row.Spec.CellKey)) return;
        if (!_cells.TryGetValue(row.Spec.CellKey, out var cell))
            _cells[row.Spec.CellKey] = cell = new CellCurves(record.Outcome.Functions);
        cell.Add(record.Curve, record.Outcome.Functions, record.Outcome.SwitchEpoch);
    }
}
