using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmartMixed.Training.Activations;

/// <summary>
/// Loads and stores of 8 lanes at a position of a span. Kernels loop over full chunks with the plain overloads and
/// handle a shorter last chunk after the loop with the counted ones (through a zero-padded copy, so every element,
/// the last ones too, is computed by the same vector code): a call inside a loop would make the JIT keep every live
/// vector on the stack. Full chunks are read and written without a bounds check per access (these are the inner
/// loops of every training step): callers check their spans' lengths once, on entry, and positions follow from
/// them; debug builds, which the tests run, assert every access.
/// </summary>
internal static class Lanes
{
    public const int Width = 8;

    /// <summary>8 floats at <paramref name="at"/>; the caller guarantees at + 8 ≤ length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ReadOnlySpan<float> source, int at)
    {
        Debug.Assert(at >= 0 && at + Width <= source.Length, $"load of 8 at {at} from {source.Length}");
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load(ReadOnlySpan<int> source, int at)
    {
        Debug.Assert(at >= 0 && at + Width <= source.Length, $"load of 8 at {at} from {source.Length}");
        return Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)at);
    }

    /// <summary>Stores 8 floats at <paramref name="at"/>; the caller guarantees at + 8 ≤ length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, Span<float> destination, int at)
    {
        Debug.Assert(at >= 0 && at + Width <= destination.Length, $"store of 8 at {at} into {destination.Length}");
        value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<int> value, Span<int> destination, int at)
    {
        Debug.Assert(at >= 0 && at + Width <= destination.Length, $"store of 8 at {at} into {destination.Length}");
        value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)at);
    }

    /// <summary>The first <paramref name="count"/> (1 to 8) floats at <paramref name="at"/>, zero-padded: for the tail after a loop of full chunks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Load(ReadOnlySpan<float> source, int at, int count)
    {
        Debug.Assert(at >= 0 && count is > 0 and <= Width && at + count <= source.Length, $"load of {count} at {at} from {source.Length}");
        return count == Width
            ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)at)
            : LoadPartial(source.Slice(at, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Load(ReadOnlySpan<int> source, int at, int count)
    {
        Debug.Assert(at >= 0 && count is > 0 and <= Width && at + count <= source.Length, $"load of {count} at {at} from {source.Length}");
        return count == Width
            ? Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)at)
            : LoadPartial(source.Slice(at, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<float> value, Span<float> destination, int at, int count)
    {
        Debug.Assert(at >= 0 && count is > 0 and <= Width && at + count <= destination.Length, $"store of {count} at {at} into {destination.Length}");
        if (count == Width) value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)at);
        else StorePartial(value, destination.Slice(at, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<int> value, Span<int> destination, int at, int count)
    {
        Debug.Assert(at >= 0 && count is > 0 and <= Width && at + count <= destination.Length, $"store of {count} at {at} into {destination.Length}");
        if (count == Width) value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)at);
        else StorePartial(value, destination.Slice(at, count));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> LoadPartial(ReadOnlySpan<float> source)
    {
        Span<float> padded = stackalloc float[Width];
        padded.Clear();
        source.CopyTo(padded);
        return Vector256.Create((ReadOnlySpan<float>)padded);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<int> LoadPartial(ReadOnlySpan<int> source)
    {
        Span<int> padded = stackalloc int[Width];
        padded.Clear();
        source.CopyTo(padded);
        return Vector256.Create((ReadOnlySpan<int>)padded);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StorePartial(Vector256<float> value, Span<float> destination)
    {
        Span<float> padded = stackalloc float[Width];
        value.CopyTo(padded);
        padded[..destination.Length].CopyTo(destination);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StorePartial(Vector256<int> value, Span<int> destination)
    {
        Span<int> padded = stackalloc int[Width];
        value.CopyTo(padded);
        padded[..destination.Length].CopyTo(destination);
    }

    /// <summary>0, 1, …, 7: lane offsets, e.g. to number the elements of a chunk.</summary>
    public static Vector256<int> Offsets { get; } = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
}
