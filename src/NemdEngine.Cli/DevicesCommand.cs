using System.CommandLine;
using System.Globalization;
using NemdEngine.Backends;

namespace NemdEngine.Cli;

/// <summary>`nemd devices`: every device a backend can use, and every one found that cannot, with the reason.</summary>
public static class DevicesCommand
{
    public static Command Create()
    {
        var command = new Command("devices", "List the devices NemdEngine can run on (--device), and why any device found cannot be used");
        command.SetAction(_ => Execute());
        return command;
    }

    private static int Execute()
    {
        var devices = DeviceCatalog.Discover();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,-9} {2,10} {3,6}  {4}", "device", "backend", "memory", "units", "name"));
        foreach (var d in devices.Where(d => d.Usable))
        {
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-10} {1,-9} {2,10} {3,6}  {4}",
                d.Id, d.Backend, $"{d.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB", d.ComputeUnits, d.Name));
            if (d.Note is not null) Console.WriteLine($"{"",-39}{d.Note}");
        }
        var unusable = devices.Where(d => !d.Usable).ToList();
        if (unusable.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Found but not usable:");
            foreach (var d in unusable) Console.WriteLine($"  {d.Id,-10} {d.Name}: {d.Unusable}");
        }
        Console.WriteLine();
        Console.WriteLine($"--device auto would choose: {AutoChoice(devices)}");
        return 0;
    }

    private static string AutoChoice(IReadOnlyList<DeviceEntry> devices) =>
        devices.FirstOrDefault(d => d.Usable && d.Backend == DeviceCatalog.Cuda)?.Id
        ?? devices.FirstOrDefault(d => d.Usable && d.Backend == DeviceCatalog.OpenCl)?.Id
        ?? DeviceCatalog.Cpu;
}
