using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace NemdEngine.Backends;

/// <summary>
/// Chooses the backend once per run, from --device or the NEMD_DEVICE environment variable.
/// </summary>
public static class BackendFactory
{
    public const string EnvironmentVariable = "NEMD_DEVICE";
    public static readonly string[] Names = ["auto", "cpu", "ilgpu-cpu"];

    /// <summary>The device name to use: the explicit choice, else NEMD_DEVICE, else "auto".</summary>
    public static string Resolve(string? requested)
    {
        string? name = string.IsNullOrWhiteSpace(requested) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : requested;
        return string.IsNullOrWhiteSpace(name) ? "auto" : name.Trim().ToLowerInvariant();
    }

    public static IComputeBackend Create(string? requested)
    {
        string name = Resolve(requested);
        return name switch
        {
            // GPU backends arrive with the backends issue; until then auto is the fast CPU path.
            "auto" or "cpu" => new ParallelCpuBackend(),
            "ilgpu-cpu" => CreateIlgpuCpu(),
            _ => throw new ArgumentException($"unknown device '{name}'; expected one of: {string.Join(", ", Names)}"),
        };
    }

    private static IlgpuBackend CreateIlgpuCpu()
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new IlgpuBackend("ilgpu-cpu", context, context.CreateCPUAccelerator(0));
    }
}
