namespace NemdEngine.IO.Structures;

/// <summary>The structure file formats.</summary>
public enum StructureFormat
{
    /// <summary>LAMMPS data file, atom_style atomic (.data, .lmp).</summary>
    LammpsData,
    /// <summary>Extended XYZ, the ASE / OVITO flavour (.xyz, .extxyz).</summary>
    ExtendedXyz,
}

/// <summary>A structure file by its name: the format from the extension, and the files a built structure is written as.</summary>
public static class StructureFile
{
    /// <summary>Names <see cref="WriteAll"/> gives its files in a folder.</summary>
    public const string LammpsDataName = "structure.data", ExtendedXyzName = "structure.xyz", LammpsGroupsName = "groups.lammps";

    /// <summary>The format of <paramref name="path"/> from its extension (any case).</summary>
    public static StructureFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".data" or ".lmp" => StructureFormat.LammpsData,
        ".xyz" or ".extxyz" => StructureFormat.ExtendedXyz,
        var e => throw new StructureFileException(path, null,
            $"unknown structure file extension '{e}'; expected .data or .lmp (LAMMPS data) or .xyz or .extxyz (extended XYZ)"),
    };

    /// <summary>Reads a structure file in the format its extension names.</summary>
    /// <param name="speciesMasses">Masses by species name (mass unit), for files that give none.</param>
    public static AtomicStructure Read(string path, IReadOnlyDictionary<string, double>? speciesMasses = null) => FormatOf(path) switch
    {
        StructureFormat.LammpsData => LammpsDataReader.Read(path, speciesMasses),
        _ => ExtendedXyzReader.Read(path, speciesMasses),
    };

    /// <summary>Writes a structure file in the format its extension names.</summary>
    public static void Write(string path, AtomicStructure structure)
    {
        switch (FormatOf(path))
        {
            case StructureFormat.LammpsData: LammpsDataWriter.Write(path, structure); break;
            default: ExtendedXyzWriter.Write(path, structure); break;
        }
    }

    /// <summary>
    /// Writes <see cref="LammpsDataName"/>, <see cref="ExtendedXyzName"/> and, when the structure has
    /// labels, <see cref="LammpsGroupsName"/> into an existing folder; returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(string directory, AtomicStructure structure)
    {
        var written = new List<string>();
        string data = Path.Combine(directory, LammpsDataName);
        LammpsDataWriter.Write(data, structure);
        written.Add(data);
        string xyz = Path.Combine(directory, ExtendedXyzName);
        ExtendedXyzWriter.Write(xyz, structure);
        written.Add(xyz);
        if (LammpsGroupsWriter.HasGroups(structure))
        {
            string groups = Path.Combine(directory, LammpsGroupsName);
            LammpsGroupsWriter.Write(groups, structure, LammpsDataName);
            written.Add(groups);
        }
        return written;
    }
}
