using NemdEngine.Model;
using PureHDF;

namespace NemdEngine.IO.H5md;

/// <summary>
/// What every H5MD file of a run begins with: /h5md (version 1.1, author, creator with release and
/// commit) and /parameters with the unit system and the names behind the region and side codes.
/// </summary>
internal static class H5mdHeader
{
    public static string CreatorVersion => BuildInfo.Description;

    /// <summary>A new file holding the header; <paramref name="parameters"/> takes further attributes.</summary>
    public static H5File NewFile(UnitSystem units, out H5Group parameters)
    {
        parameters = new H5Group
        {
            Attributes = new()
            {
                ["unit_system"] = Describe(units),
                ["region_names"] = RegionLabels.RegionNames.ToArray(),
                ["side_names"] = RegionLabels.SideNames.ToArray(),
            },
        };
        return new H5File
        {
            ["h5md"] = new H5Group
            {
                Attributes = new() { ["version"] = new[] { 1, 1 } },
                ["author"] = new H5Group { Attributes = new() { ["name"] = Environment.UserName is { Length: > 0 } u ? u : "unknown" } },
                ["creator"] = new H5Group { Attributes = new() { ["name"] = "NemdEngine", ["version"] = CreatorVersion } },
            },
            ["parameters"] = parameters,
        };
    }

    private static string Describe(UnitSystem units) => units.Name == "lj"
        ? "lj: reduced Lennard-Jones units (sigma, epsilon, m, tau = sigma sqrt(m/epsilon), k_B = 1)"
        : $"{units.Name}: length {units.Length}, time {units.Time}, energy {units.Energy}, mass {units.Mass}, temperature {units.Temperature}; each dataset's unit attribute says what it holds";
}
