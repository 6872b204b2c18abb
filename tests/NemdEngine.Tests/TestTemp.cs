using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("NemdEngine.Tests.TestTemp+CleaningFramework", "NemdEngine.Tests")]

namespace NemdEngine.Tests;

/// <summary>
/// Every file and folder a test makes lives under one folder of this test process
/// (<c>/tmp/nemd-tests-PID</c>), deleted when the test run ends (the xunit framework disposes
/// it); a folder left by a test process that was killed is deleted by the next run. Tests leave
/// nothing in the temp folder.
/// </summary>
public static class TestTemp
{
    private const string Prefix = "nemd-tests-";

    public static readonly string Root = CreateRoot();

    /// <summary>A path under this process's folder (nothing is created).</summary>
    public static string Path(string name) => System.IO.Path.Combine(Root, name);

    private static string CreateRoot()
    {
        foreach (var stale in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
            if (int.TryParse(System.IO.Path.GetFileName(stale)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && !Alive(pid))
                TryDelete(stale);
        string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>The xunit framework of this assembly: as xunit's, and at the end of the run it deletes the test folder.</summary>
    public sealed class CleaningFramework : XunitTestFramework
    {
        public CleaningFramework(IMessageSink sink) : base(sink) => DisposalTracker.Add(new Cleanup());

        private sealed class Cleanup : IDisposable
        {
            public void Dispose() => TryDelete(Root);
        }
    }
}
