namespace NemdEngine.Tests;

/// <summary>The shipped default deck (inputs/lj-mass-mismatch.toml) as text, edited for a test.</summary>
public static class ShippedDeck
{
    public static string Text => File.ReadAllText(Input.DeckReaderTests.RepoFile("inputs/lj-mass-mismatch.toml"));

    /// <summary>
    /// The deck with each piece of text replaced. A piece that is not there fails the test at once:
    /// otherwise a change to the shipped deck would silently run the test on the deck as shipped.
    /// </summary>
    public static string Edited(params (string Old, string New)[] edits)
    {
        string text = Text;
        foreach (var (old, replacement) in edits)
        {
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"the shipped deck no longer contains \"{old}\": update the test");
            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Writes <see cref="Edited"/> to a new temporary file and returns its path.</summary>
    public static string WriteEdited(params (string Old, string New)[] edits)
    {
        string path = TestTemp.Path($"deck-{Guid.NewGuid():N}.toml");
        File.WriteAllText(path, Edited(edits));
        return path;
    }
}
