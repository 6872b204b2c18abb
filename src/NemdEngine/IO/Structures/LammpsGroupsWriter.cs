using System.Text;
using static NemdEngine.IO.Structures.StructureText;

namespace NemdEngine.IO.Structures;

/// <summary>
/// Writes a LAMMPS input fragment defining one group per region label (frozen, hot, mobile, cold)
/// and per side label (A, B) by atom id ranges (<c>group hot id 1:128 513:640</c>; a group
/// with no atoms is <c>group hot empty</c>), to <c>include</c> after <c>read_data</c>.
/// </summary>
public static class LammpsGroupsWriter
{
    /// <summary>Id ranges per <c>group</c> command (LAMMPS adds the atoms of repeated commands to the group).</summary>
    private const int RangesPerLine = 32;

    /// <summary>True when the structure has labels to write groups from.</summary>
    public static bool HasGroups(AtomicStructure structure) => structure.Regions is not null || structure.Sides is not null;

    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="dataFileName">The data file the groups belong to, named in the header comment.</param>
    public static void Write(string path, AtomicStructure structure, string dataFileName) =>
        AtomicFile.WriteText(path, Text(structure, dataFileName));

    public static string Text(AtomicStructure s, string dataFileName)
    {
        if (!HasGroups(s)) throw new ArgumentException("the structure has no region or side labels to make groups from");
        var text = new StringBuilder();
        text.Append("# LAMMPS groups of the NemdEngine structure ").Append(dataFileName).Append(": include after read_data\n");
        if (s.Regions is { } regions)
            foreach (var region in Enum.GetValues<AtomRegion>())
                Group(text, AtomLabels.Name(region), s.Ids.Where((_, i) => regions[i] == region));
        if (s.Sides is { } sides)
            foreach (var side in Enum.GetValues<InterfaceSide>())
                Group(text, AtomLabels.Name(side), s.Ids.Where((_, i) => sides[i] == side));
        return text.ToString();
    }

    private static void Group(StringBuilder text, string name, IEnumerable<int> ids)
    {
        var ranges = Ranges(ids.Order().ToArray());
        if (ranges.Count == 0)
        {
            text.Append("group ").Append(name).Append(" empty\n");
            return;
        }
        for (int first = 0; first < ranges.Count; first += RangesPerLine)
        {
            text.Append("group ").Append(name).Append(" id");
            foreach (var (lo, hi) in ranges.Skip(first).Take(RangesPerLine))
                text.Append(' ').Append(lo == hi ? Number(lo) : $"{Number(lo)}:{Number(hi)}");
            text.Append('\n');
        }
    }

    /// <summary>Sorted ids as runs of consecutive ids.</summary>
    internal static List<(int Lo, int Hi)> Ranges(int[] sorted)
    {
        var ranges = new List<(int, int)>();
        for (int k = 0; k < sorted.Length;)
        {
            int end = k;
            while (end + 1 < sorted.Length && sorted[end + 1] == sorted[end] + 1) end++;
            ranges.Add((sorted[k], sorted[end]));
            k = end + 1;
        }
        return ranges;
    }
}
