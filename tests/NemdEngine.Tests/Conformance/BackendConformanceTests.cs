using NemdEngine.Backends;
using NemdEngine.Conformance;

namespace NemdEngine.Tests.Conformance;

/// <summary>
/// Every conformance check on every backend. The fast CPU path and ILGPU's CPU emulator always
/// run; CUDA and OpenCL run where a usable device exists and are reported as skipped, with the
/// reason `nemd devices` gives, where not.
/// </summary>
public class BackendConformanceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (string device in new[] { DeviceCatalog.Cpu, DeviceCatalog.IlgpuCpu, DeviceCatalog.Cuda, DeviceCatalog.OpenCl })
            foreach (string check in BackendConformance.Checks)
                data.Add(device, check);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void BackendPassesCheck(string device, string check)
    {
        try
        {
            BackendFactory.Create(device).Dispose();
        }
        catch (ArgumentException e) when (device is DeviceCatalog.Cuda or DeviceCatalog.OpenCl)
        {
            Skip.If(true, $"no usable {device} device here: {e.Message}");
        }
        var result = BackendConformance.Run(check, () => BackendFactory.Create(device));
        Assert.True(result.Passed, $"{device} {check}: {result.Detail}");
    }
}
