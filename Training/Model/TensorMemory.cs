using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace SmartMixed.Training.Model;

/// <summary>A CPU float tensor's elements as a span, for the fused operators that compute over memory directly.</summary>
internal static class TensorMemory
{
    public static Span<float> Floats(Tensor t)
    {
        if (t.dtype != ScalarType.Float32) throw new ArgumentException($"expected a float32 tensor, got {t.dtype}");
        if (t.device_type != TorchSharp.DeviceType.CPU) throw new ArgumentException($"expected a CPU tensor, got {t.device}");
        if (!t.is_contiguous()) throw new ArgumentException("expected a contiguous tensor");
        return MemoryMarshal.Cast<byte, float>(t.bytes);
    }
}
