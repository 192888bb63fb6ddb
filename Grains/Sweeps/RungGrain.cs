using Microsoft.Extensions.Logging;
using SmartMixed.GrainInterfaces;

namespace SmartMixed.Grains.Sweeps;

/// <summary>
/// Decides one rung of early stopping for one group of cells. Shards report, one-way, how many of their cells of the
/// group have reached the rung; once all expected cells have, this grain gathers their values from those shards,
/// decides (<see cref="RungRules"/>), stores the decision and has every shard apply it. Shards never wait on this grain,
/// so it can call them without either waiting on the other.
/// </summary>
[GrainType("smartmixed-rung")]
[CollectionAgeLimit(Minutes = 5)]
public sealed class RungGrain(
    [PersistentState("rung", StorageNames.Sweeps)] IPersistentState<RungState> state,
    TimeProvider time,
    ILogger<RungGrain> logger) : Grain, IRungGrain
{
    private string _sweepId = "";
    private int _rung;
    private string _group = "";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString().Split('/');
        (_sweepId, _rung, _group) = (key[0], int.Parse(key[1], System.Globalization.CultureInfo.InvariantCulture), key[2]);
        return Task.CompletedTask;
    }

    public async Task Expect(int cells)
    {
        if (state.State.Expected == cells) return;
        state.State.Expected = cells;
        await state.WriteStateAsync();
        if (Complete) _ = this.AsReference<IRungGrain>().Decide();
    }

    public async Task Arrived(int shard, int cells)
    {
        if (state.State.Decision is { } decided)
        {
            await Shard(shard).ApplyDecision(decided); // a shard that missed it (or came back) gets it again
            return;
        }
        if (state.State.Arrived.GetValueOrDefault(shard) == cells && state.State.Arrived.ContainsKey(shard)) return;
        state.State.Arrived[shard] = cells;
        await state.WriteStateAsync();
        if (Complete) _ = this.AsReference<IRungGrain>().Decide();
    }

    public Task<RungDecision?> GetDecision() => Task.FromResult(state.State.Decision);

    public async Task Decide()
    {
        var decision = state.State.Decision;
        if (decision is null)
        {
            if (!Complete) return;
            var settings = (await GrainFactory.GetGrain<ISweepGrain>(_sweepId).GetStatus()).Settings?.EarlyStopping;
            if (settings is null) return; // turned off meanwhile: the shards let their waiting runs go on
            var shards = state.State.Arrived.Keys.Order().ToList();
            var values = await Task.WhenAll(shards.Select(s => Shard(s).GetRungValues(_rung, _group)));
            decision = RungRules.Decide(_rung, _group, settings, values.SelectMany(v => v), time.GetUtcNow());
            state.State.Decision = decision; // durable before any shard acts on it
            await state.WriteStateAsync();
            SweepLog.RungDecided(logger, _sweepId, _rung, _group, decision.Cells, decision.Kept, decision.Cutoff, decision.Leader);
        }
        foreach (var shard in state.State.Arrived.Keys.Order())
        {
            try
            {
                await Shard(shard).ApplyDecision(decision);
            }
            catch (Exception e)
            {
                // The shard repeats its arrival while its runs wait, and gets the decision again then.
                SweepLog.ShardUnreachable(logger, _sweepId, shard, e.Message);
            }
        }
    }

    private bool Complete => state.State.Expected > 0 && state.State.Arrived.Values.Sum() >= state.State.Expected;

    private ISweepShardGrain Shard(int index) => GrainFactory.GetGrain<ISweepShardGrain>(SweepIds.ShardKey(_sweepId, index));
}
