using System.Diagnostics;

namespace NemdEngine.Tests;

/// <summary>
/// Independent programs the tests check against (LAMMPS, h5py, h5dump, MDAnalysis, ASE). Where one
/// is missing a test is reported as skipped with the reason, except under CI
/// (NEMD_REQUIRE_PEERS=1, set by .ci/run after installing them), where a missing peer fails.
/// </summary>
public static class Peers
{
    public const string RequireVariable = "NEMD_REQUIRE_PEERS";

    /// <summary>Debian's Python, which owns python3-h5py, python3-mdanalysis and python3-ase.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Full path of an executable on PATH, or skips/fails naming what is missing.</summary>
    public static string RequireExecutable(string name, string installHint)
    {
        string? path = name.Contains('/') ? (File.Exists(name) ? name : null) : FindOnPath(name);
        Unavailable(path is null, $"{name} not found ({installHint})");
        return path!;
    }

    /// <summary>Skips/fails unless Debian's python3 can import <paramref name="module"/>.</summary>
    public static void RequirePythonModule(string module, string installHint)
    {
        RequireExecutable(Python, "apt-get install python3");
        var (code, _, err) = Run(Python, ["-c", $"import {module}"], TimeSpan.FromMinutes(2));
        Unavailable(code != 0, $"{Python} cannot import {module} ({installHint}): {err.Trim()}");
    }

    /// <summary>Skips/fails (as for a missing peer) unless <paramref name="available"/>: for facilities of the machine, such as mounting a tmpfs.</summary>
    public static void Require(bool available, string reason) => Unavailable(!available, reason);

    /// <summary>Runs a program to completion; returns exit code, stdout and stderr.</summary>
    public static (int Code, string Out, string Err) Run(string file, IEnumerable<string> args, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Unavailable(bool missing, string reason)
    {
        if (!missing) return;
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            Assert.Fail($"{reason}; {RequireVariable}=1 says it must be present");
        Skip.If(true, reason);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
