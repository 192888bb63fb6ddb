using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmartMixed.Training.Data;

namespace SmartMixed.Benchmarks;

/// <summary>
/// Our PyTorch script (<c>pytorch_epoch.py --serve</c>) in a child process, asked for one epoch at a time so the
/// epoch benchmark can interleave PyTorch's epochs with TorchSharp's: a change of load on a shared machine then
/// falls on both frameworks alike instead of on whichever ran second.
/// </summary>
public sealed class PyTorchEpochDriver : IDisposable
{
    private readonly Process _process;

    public PyTorchEpochDriver(string python, string noise, int[][] groups)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_epoch.py");
        if (!File.Exists(python))
            throw new BenchmarkException($"{python} not found (on Debian: apt-get install python3-torch libopenblas0-pthread), or pass --no-pytorch");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        // One thread means one: torch.set_num_threads(1) does not stop Debian's pthread OpenBLAS from running its
        // own worker thread in every matrix product, which let PyTorch use a second core whenever it was idle.
        foreach (var variable in new[] { "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS" })
            start.Environment[variable] = "1";
        foreach (var a in new[] { script, "--serve", "--data", DataDirectories.DebianFashionMnistPath, "--models", "plain,phase1,phase2",
                     "--noise", noise, "--groups", JsonSerializer.Serialize(groups), "--threads", "1" })
            start.ArgumentList.Add(a);
        _process = Process.Start(start) ?? throw new BenchmarkException($"could not start {python}");
        using var ready = ReadAnswer();
        if (!ready.RootElement.TryGetProperty("ready", out _)) throw new BenchmarkException($"the PyTorch script answered {ready.RootElement} instead of ready");
    }

    /// <summary>Trains one epoch of <paramref name="model"/> (plain, phase1 or phase2); its seconds.</summary>
    public double Epoch(string model)
    {
        _process.StandardInput.WriteLine($"epoch {model}");
        _process.StandardInput.Flush();
        using var answer = ReadAnswer();
        if (answer.RootElement.TryGetProperty("error", out var error)) throw new BenchmarkException($"the PyTorch script: {error.GetString()}");
        return answer.RootElement.GetProperty("seconds").GetDouble();
    }

    private JsonDocument ReadAnswer()
    {
        string? line;
        while ((line = _process.StandardOutput.ReadLine()) is not null)
            if (line.StartsWith('{')) return JsonDocument.Parse(line);
        _process.WaitForExit();
        throw new BenchmarkException($"the PyTorch script ended (exit code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)}) without answering");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                _process.StandardInput.Flush();
                if (!_process.WaitForExit(10_000)) _process.Kill();
            }
        }
        catch (IOException) { } // the script is gone already
        _process.Dispose();
    }
}
