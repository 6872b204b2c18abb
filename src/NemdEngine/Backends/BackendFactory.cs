using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace NemdEngine.Backends;

/// <summary>
/// Chooses the backend once per run, from --device or the NEMD_DEVICE environment variable:
/// auto (CUDA, else OpenCL, else the fast CPU path), cpu, ilgpu-cpu, cuda[:N], opencl[:N].
/// </summary>
public static class BackendFactory
{
    public const string EnvironmentVariable = "NEMD_DEVICE";
    public const string Auto = "auto";
    public const string Help = "auto | cpu | ilgpu-cpu | cuda[:N] | opencl[:N] (default: $NEMD_DEVICE, else auto: CUDA, then OpenCL, then cpu; `nemd devices` lists them)";

    /// <summary>The device name to use: the explicit choice, else NEMD_DEVICE, else "auto".</summary>
    public static string Resolve(string? requested)
    {
        string? name = string.IsNullOrWhiteSpace(requested) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : requested;
        return string.IsNullOrWhiteSpace(name) ? Auto : name.Trim().ToLowerInvariant();
    }

    /// <summary>Checks the spelling of a device request without opening any device.</summary>
    public static void Validate(string? requested)
    {
        string name = Resolve(requested);
        if (name == Auto) return;
        var (kind, _) = Parse(name);
        if (kind is not (DeviceCatalog.Cpu or DeviceCatalog.IlgpuCpu or DeviceCatalog.Cuda or DeviceCatalog.OpenCl))
            throw new ArgumentException($"unknown device '{name}'; expected {Help}");
    }

    /// <param name="note">Told why auto passed over a device (for the log).</param>
    public static IComputeBackend Create(string? requested, Action<string>? note = null)
    {
        string name = Resolve(requested);
        if (name == Auto) return CreateAuto(note);
        var (kind, index) = Parse(name);
        return kind switch
        {
            DeviceCatalog.Cpu => new ParallelCpuBackend(),
            DeviceCatalog.IlgpuCpu => CreateIlgpuCpu(),
            DeviceCatalog.Cuda => CreateCuda(index ?? FirstUsable(DeviceCatalog.Cuda)),
            DeviceCatalog.OpenCl => CreateOpenCl(index ?? FirstUsable(DeviceCatalog.OpenCl)),
            _ => throw new ArgumentException($"unknown device '{name}'; expected {Help}"),
        };
    }

    private static IComputeBackend CreateAuto(Action<string>? note)
    {
        var devices = DeviceCatalog.Discover();
        foreach (string kind in new[] { DeviceCatalog.Cuda, DeviceCatalog.OpenCl })
        {
            foreach (var d in devices.Where(d => d.Backend == kind))
            {
                if (!d.Usable) { note?.Invoke($"auto: skipped {d.Id} {d.Name}: {d.Unusable}"); continue; }
                try
                {
                    return Create(d.Id);
                }
                catch (Exception e) when (e is AcceleratorException or InvalidOperationException or NotSupportedException)
                {
                    note?.Invoke($"auto: {d.Id} {d.Name} failed to start: {e.Message}");
                }
            }
        }
        return new ParallelCpuBackend();
    }

    private static (string Kind, int? Index) Parse(string name)
    {
        int colon = name.IndexOf(':');
        if (colon < 0) return (name, null);
        string kind = name[..colon];
        if (kind is not (DeviceCatalog.Cuda or DeviceCatalog.OpenCl) || !int.TryParse(name[(colon + 1)..], out int index) || index < 0)
            throw new ArgumentException($"device '{name}': expected cuda:N or opencl:N with N a device number from `nemd devices`");
        return (kind, index);
    }

    private static int FirstUsable(string kind)
    {
        var found = DeviceCatalog.Discover().Where(d => d.Backend == kind).ToList();
        var usable = found.FirstOrDefault(d => d.Usable);
        if (usable is not null) return int.Parse(usable.Id[(kind.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        string reasons = string.Join("; ", found.Select(d => $"{d.Id} {d.Name}: {d.Unusable}"));
        throw new ArgumentException($"no usable {kind} device: {reasons}");
    }

    private static IlgpuBackend CreateIlgpuCpu()
    {
        var context = Context.Create(builder => builder.CPU().EnableAlgorithms());
        return new IlgpuBackend(DeviceCatalog.IlgpuCpu, context, context.CreateCPUAccelerator(0));
    }

    private static IlgpuBackend CreateCuda(int index)
    {
        var context = DeviceCatalog.CreateCudaContext();
        var devices = context.GetCudaDevices();
        if (index >= devices.Count)
        {
            context.Dispose();
            throw new ArgumentException($"device cuda:{index}: there are {devices.Count} usable CUDA devices (see `nemd devices`)");
        }
        return new IlgpuBackend($"{DeviceCatalog.Cuda}:{index}", context, devices[index].CreateAccelerator(context));
    }

    private static IlgpuBackend CreateOpenCl(int index)
    {
        var context = DeviceCatalog.CreateOpenClContext();
        var devices = context.GetCLDevices();
        string? why = index < devices.Count ? DeviceCatalog.WhyUnusable(devices[index]) : $"there are {devices.Count} OpenCL devices";
        if (why is not null)
        {
            context.Dispose();
            throw new ArgumentException($"device opencl:{index} cannot be used: {why} (see `nemd devices`)");
        }
        return new IlgpuBackend($"{DeviceCatalog.OpenCl}:{index}", context, devices[index].CreateAccelerator(context));
    }
}
