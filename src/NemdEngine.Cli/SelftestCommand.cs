using System.CommandLine;
using NemdEngine.Backends;
using NemdEngine.Conformance;

namespace NemdEngine.Cli;

/// <summary>
/// `nemd selftest [--device X]`: the backend conformance checks (forces against the double
/// reference, an NVE trajectory against the cpu path, Langevin temperature, the profile
/// reduction) on a user's device, like OpenMM's testInstallation. Exit 0 only if all pass.
/// </summary>
public static class SelftestCommand
{
    public static Command Create()
    {
        var deviceOpt = new Option<string?>("--device") { Description = BackendFactory.Help };
        var command = new Command("selftest", "Check that a device computes what the double-precision reference and the cpu path compute")
        {
            deviceOpt,
        };
        command.SetAction(parse => Execute(parse.GetValue(deviceOpt)));
        return command;
    }

    private static int Execute(string? device)
    {
        string description;
        try
        {
            using var probe = BackendFactory.Create(device);
            description = $"{probe.Name}: {probe.Description}";
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return RunCommand.ExitBadInput;
        }
        Console.WriteLine($"selftest on {description}");
        int failed = 0;
        foreach (string check in BackendConformance.Checks)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = BackendConformance.Run(check, () => BackendFactory.Create(device));
            if (!result.Passed) failed++;
            Console.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {result.Check,-22} {started.Elapsed.TotalSeconds,6:F1} s  {result.Detail}");
        }
        Console.WriteLine(failed == 0 ? "all checks passed" : $"{failed} of {BackendConformance.Checks.Length} checks failed");
        return failed == 0 ? 0 : 1;
    }
}
