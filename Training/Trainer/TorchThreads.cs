using static TorchSharp.torch;

namespace SmartMixed.Training.Trainer;

/// <summary>
/// libtorch's intra-op thread count is process-wide. Small MLPs gain nothing from a second thread, and on a
/// shared machine extra threads make every run slower, so trainings use one each and run side by side.
/// </summary>
public static class TorchThreads
{
    private static readonly object Gate = new();

    public static void Ensure(int threads)
    {
        lock (Gate)
        {
            if (get_num_threads() != threads) set_num_threads(threads);
        }
    }
}
