namespace NemdEngine.Tests;

/// <summary>The shipped Si/heavy-Si SW deck as text, edited for a test and written under TestTemp (its potential file made absolute).</summary>
public static class RealMaterialsDeck
{
    public static string PotentialsFolder => Input.DeckReaderTests.RepoFile("inputs/potentials");

    public static string Text => File.ReadAllText(Input.DeckReaderTests.RepoFile("inputs/si-heavysi-sw.toml"))
        .Replace("file = \"potentials/", $"file = \"{PotentialsFolder}/", StringComparison.Ordinal);

    /// <summary>The deck with each <c>Old</c> replaced by <c>New</c> (each must occur).</summary>
    public static string Edited(params (string Old, string New)[] edits)
    {
        string text = Text;
        foreach (var (old, replacement) in edits)
        {
            if (!text.Contains(old, StringComparison.Ordinal)) throw new InvalidOperationException($"the Si deck no longer contains \"{old}\": update the test");
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }
        return text;
    }

    public static string WriteEdited(params (string Old, string New)[] edits)
    {
        string path = TestTemp.Path($"si-deck-{Guid.NewGuid():N}.toml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Edited(edits));
        return path;
    }

    /// <summary>A small, short version: 2 x 2 x (6 + 6) cells, 400 production steps.</summary>
    public static readonly (string, string)[] Small =
    [
        ("cross_section = [4, 4]", "cross_section = [3, 3]"), ("cells_A = 16", "cells_A = 6"), ("cells_B = 16", "cells_B = 6"),
        ("reservoir_cells = 3", "reservoir_cells = 1"), ("equilibration_steps = 50000", "equilibration_steps = 100"),
        ("production_steps = 200000", "production_steps = 400"), ("margin_reservoir = 5.0", "margin_reservoir = 1.0"),
        ("margin_interface = 5.0", "margin_interface = 1.0"),
    ];
}
