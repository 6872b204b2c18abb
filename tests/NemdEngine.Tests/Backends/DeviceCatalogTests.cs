using NemdEngine.Backends;

namespace NemdEngine.Tests.Backends;

/// <summary>Every device is listed, usable or with the reason it is not; --device names resolve or fail clearly.</summary>
public class DeviceCatalogTests
{
    [Fact]
    public void CpuPathsAreAlwaysUsableAndEveryGpuBackendHasAnEntry()
    {
        var devices = DeviceCatalog.Discover();
        Assert.Contains(devices, d => d.Id == DeviceCatalog.Cpu && d.Usable);
        Assert.Contains(devices, d => d.Id == DeviceCatalog.IlgpuCpu && d.Usable);
        // A GPU backend is either a device or a line saying why there is none: never silently absent.
        Assert.Contains(devices, d => d.Backend == DeviceCatalog.Cuda);
        Assert.Contains(devices, d => d.Backend == DeviceCatalog.OpenCl);
        foreach (var d in devices.Where(d => !d.Usable))
            Assert.False(string.IsNullOrWhiteSpace(d.Unusable), $"{d.Id} is unusable without a reason");
    }

    [SkippableFact]
    public void OpenClDeviceWithoutGenericAddressSpaceIsListedWithTheReason()
    {
        // Debian's PoCL (pocl-opencl-icd, installed by CI) is OpenCL C 1.2 without the generic
        // address space: ILGPU alone would hide it. It must appear, unusable, saying why.
        var pocl = DeviceCatalog.Discover().FirstOrDefault(d => d.Backend == DeviceCatalog.OpenCl && d.Name.Contains("Portable Computing Language", StringComparison.Ordinal));
        if (pocl is null)
        {
            var opencl = DeviceCatalog.Discover().Where(d => d.Backend == DeviceCatalog.OpenCl).Select(d => $"{d.Id}: {d.Unusable ?? "usable"}");
            if (Environment.GetEnvironmentVariable(Peers.RequireVariable) == "1")
                Assert.Fail($"no PoCL device (apt-get install ocl-icd-libopencl1 pocl-opencl-icd); OpenCL entries: {string.Join("; ", opencl)}");
            Skip.If(true, $"no PoCL device here (apt-get install ocl-icd-libopencl1 pocl-opencl-icd); OpenCL entries: {string.Join("; ", opencl)}");
        }
        Assert.False(pocl!.Usable);
        Assert.Contains("generic address space", pocl.Unusable, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => BackendFactory.Create(pocl.Id));
        Assert.Contains("generic address space", e.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AutoFallsBackToTheCpuPathWhenNoGpuIsUsable()
    {
        Skip.If(DeviceCatalog.Discover().Any(d => d.Usable && d.Backend is DeviceCatalog.Cuda or DeviceCatalog.OpenCl), "a usable GPU is present");
        var notes = new List<string>();
        using var backend = BackendFactory.Create("auto", notes.Add);
        Assert.Equal(DeviceCatalog.Cpu, backend.Name);
    }

    [Theory]
    [InlineData("gpu", "unknown device 'gpu'")]
    [InlineData("cuda:x", "expected cuda:N or opencl:N")]
    [InlineData("cpu:1", "expected cuda:N or opencl:N")]
    public void BadDeviceNamesSayWhatIsExpected(string name, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => BackendFactory.Create(name));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvironmentVariableChoosesTheDeviceWhenNoneIsGiven()
    {
        Assert.Equal("ilgpu-cpu", BackendFactory.Resolve(" ILGPU-CPU "));
        string? saved = Environment.GetEnvironmentVariable(BackendFactory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(BackendFactory.EnvironmentVariable, "cpu");
            Assert.Equal("cpu", BackendFactory.Resolve(null));
            Assert.Equal("ilgpu-cpu", BackendFactory.Resolve("ilgpu-cpu"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(BackendFactory.EnvironmentVariable, saved);
        }
    }
}
