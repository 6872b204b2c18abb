using ILGPU;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace NemdEngine.Backends;

/// <summary>
/// A device one of the backends could run on (Id is what --device takes), or, when
/// <see cref="Unusable"/> is set, one that was found but cannot be used and why.
/// </summary>
/// <param name="MemoryBytes">Device memory (bytes); for the CPU paths, the memory available to this process.</param>
/// <param name="ComputeUnits">Multiprocessors (CUDA), compute units (OpenCL) or logical cores (CPU).</param>
public sealed record DeviceEntry(string Backend, string Id, string Name, long MemoryBytes, int ComputeUnits, string? Unusable, string? Note = null)
{
    public bool Usable => Unusable is null;
}

/// <summary>
/// Finds every device: the fast CPU path, ILGPU's CPU emulator, each CUDA and OpenCL device ILGPU
/// can see (ILGPU itself hides devices it cannot use; here they are listed with the reason), and
/// a line for each driver that is missing altogether.
/// </summary>
public static class DeviceCatalog
{
    public const string Cpu = "cpu", IlgpuCpu = "ilgpu-cpu", Cuda = "cuda", OpenCl = "opencl";

    // Driver and ICD-loader initialization is not safe to race (PoCL reported no platform to one of
    // two threads probing at once), so every probe and context creation takes this lock.
    private static readonly Lock DriverGate = new();

    public static IReadOnlyList<DeviceEntry> Discover()
    {
        lock (DriverGate) return DiscoverAll();
    }

    private static List<DeviceEntry> DiscoverAll()
    {
        var entries = new List<DeviceEntry>
        {
            new(Cpu, Cpu, "CPU, Parallel.For over host memory (the fast CPU path)",
                GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Environment.ProcessorCount, null),
            new(IlgpuCpu, IlgpuCpu, "ILGPU CPUAccelerator (emulates GPU thread groups; for debugging kernels)",
                GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, Environment.ProcessorCount, null,
                "about 15x slower than cpu; use it to run kernels through ILGPU without a GPU"),
        };
        entries.AddRange(DiscoverCuda());
        entries.AddRange(DiscoverOpenCl());
        return entries;
    }

    /// <summary>Opens a context holding every CUDA device (with the instruction-set fallback applied).</summary>
    internal static Context CreateCudaContext()
    {
        NativeDriverLibraries.Register();
        lock (DriverGate) return Context.Create(builder => builder.Cuda(UseNewestKnownInstructionSet).EnableAlgorithms().Optimize(OptimizationLevel.O2));
    }

    /// <summary>Opens a context holding every OpenCL device, usable or not, in discovery order.</summary>
    internal static Context CreateOpenClContext()
    {
        NativeDriverLibraries.Register();
        lock (DriverGate) return Context.Create(builder => builder.OpenCL(_ => true).EnableAlgorithms().Optimize(OptimizationLevel.O2));
    }

    private static List<DeviceEntry> DiscoverCuda()
    {
        NativeDriverLibraries.Register();
        var (driver, tried) = NativeDriverLibraries.Probe(NativeDriverLibraries.CudaImport);
        if (driver is null)
        {
            return [Missing(Cuda, $"no CUDA driver: none of {tried} is on the loader path (install the NVIDIA driver)")];
        }
        using var context = Context.Create(builder => builder.Cuda(_ => true));
        var devices = context.GetCudaDevices();
        if (devices.Count == 0)
        {
            return [Missing(Cuda, $"the CUDA driver ({driver}) reports no device (check nvidia-smi and CUDA_VISIBLE_DEVICES)")];
        }
        var entries = new List<DeviceEntry>();
        for (int i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            string arch = d.Architecture is { } a ? $"sm_{a.Major}{a.Minor}" : "unknown architecture";
            string? note = d.InstructionSet is { } isa && PTXCodeGenerator.SupportedInstructionSets.Contains(isa)
                ? $"{arch}, PTX ISA {isa}, driver {d.DriverVersion}"
                : $"{arch}, driver {d.DriverVersion} is newer than ILGPU knows: PTX ISA {NewestInstructionSet} is used";
            entries.Add(new DeviceEntry(Cuda, $"{Cuda}:{i}", d.Name, d.MemorySize, d.NumMultiprocessors,
                d.Architecture is null ? "ILGPU cannot determine the device's compute capability" : null, note));
        }
        return entries;
    }

    private static List<DeviceEntry> DiscoverOpenCl()
    {
        NativeDriverLibraries.Register();
        var (loader, tried) = NativeDriverLibraries.Probe(NativeDriverLibraries.OpenClImport);
        if (loader is null)
        {
            return [Missing(OpenCl, $"no OpenCL ICD loader: none of {tried} is on the loader path (apt-get install ocl-icd-libopencl1 and a vendor ICD)")];
        }
        using var context = CreateOpenClContext();
        var devices = context.GetCLDevices();
        if (devices.Count == 0)
        {
            return [Missing(OpenCl, $"the OpenCL loader ({loader}) finds no platform or device (no vendor ICD in /etc/OpenCL/vendors?)")];
        }
        var entries = new List<DeviceEntry>();
        for (int i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            entries.Add(new DeviceEntry(OpenCl, $"{OpenCl}:{i}", $"{d.Name} ({d.PlatformName})", d.MemorySize, d.NumMultiprocessors,
                WhyUnusable(d), $"{d.DeviceType}, OpenCL C {d.CLStdVersion}"));
        }
        return entries;
    }

    /// <summary>ILGPU's OpenCL backend needs OpenCL C 2.0 with the generic address space (design.md).</summary>
    internal static string? WhyUnusable(CLDevice device)
    {
        if (device.CLStdVersion < CLBackend.MinimumVersion)
            return $"OpenCL C {device.CLStdVersion}: ILGPU's OpenCL backend needs OpenCL C {CLBackend.MinimumVersion} or later";
        if (!device.Capabilities.GenericAddressSpace)
            return "no generic address space, which ILGPU's OpenCL backend requires (Debian 12's PoCL lacks it)";
        return null;
    }

    private static CudaInstructionSet NewestInstructionSet => PTXCodeGenerator.SupportedInstructionSets.First();

    /// <summary>
    /// A driver newer than this ILGPU release gets no instruction set and ILGPU would hide the GPU;
    /// drivers JIT-compile older PTX, so the newest ISA ILGPU can emit is used instead.
    /// </summary>
    private static void UseNewestKnownInstructionSet(CudaDeviceOverride device)
    {
        if (device.InstructionSet is not { } isa || !PTXCodeGenerator.SupportedInstructionSets.Contains(isa))
            device.InstructionSet = NewestInstructionSet;
    }

    private static DeviceEntry Missing(string backend, string reason) => new(backend, backend, "(none found)", 0, 0, reason);
}
