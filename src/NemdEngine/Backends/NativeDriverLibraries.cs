using System.Reflection;
using System.Runtime.InteropServices;
using ILGPU;

namespace NemdEngine.Backends;

/// <summary>
/// ILGPU imports the CUDA driver as "cuda" and the OpenCL ICD loader as "OpenCL", which the
/// loader looks up as libcuda.so / libOpenCL.so. Linux distributions ship only the versioned
/// runtime names (libcuda.so.1 with the NVIDIA driver, libOpenCL.so.1 from ocl-icd); the
/// unversioned names come with -dev packages. Without a resolver the device silently
/// disappears, so this maps the import names to the runtime names and remembers what it found.
/// </summary>
public static class NativeDriverLibraries
{
    public const string CudaImport = "cuda", OpenClImport = "OpenCL";

    private static readonly Dictionary<string, string[]> Candidates = new(StringComparer.OrdinalIgnoreCase)
    {
        [CudaImport] = ["libcuda.so.1", "libcuda.so", "/usr/lib/wsl/lib/libcuda.so.1"],
        [OpenClImport] = ["libOpenCL.so.1", "libOpenCL.so"],
    };

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string?> Loaded = new(StringComparer.OrdinalIgnoreCase);
    private static bool registered;

    /// <summary>Installs the resolver on ILGPU's assembly once per process (before ILGPU first calls a driver).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered) return;
            registered = true;
            if (!OperatingSystem.IsLinux()) return;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Context).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // ILGPU installed its own resolver (it does so under WSL); it knows where the driver is.
            }
        }
    }

    /// <summary>
    /// The file a driver import resolved to, or null with the names tried. Loads it if nobody has yet.
    /// </summary>
    public static (string? Path, string Tried) Probe(string import)
    {
        string[] names = Candidates[import];
        lock (Gate)
        {
            if (!Loaded.TryGetValue(import, out string? path))
            {
                path = names.FirstOrDefault(n => NativeLibrary.TryLoad(n, out _));
                Loaded[import] = path;
            }
            return (path, string.Join(", ", names));
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!Candidates.TryGetValue(libraryName, out string[]? names)) return IntPtr.Zero;
        foreach (string name in names)
        {
            if (NativeLibrary.TryLoad(name, out IntPtr handle))
            {
                lock (Gate) Loaded[libraryName] = name;
                return handle;
            }
        }
        lock (Gate) Loaded[libraryName] = null;
        return IntPtr.Zero;
    }
}
