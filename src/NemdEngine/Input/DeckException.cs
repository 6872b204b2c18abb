namespace NemdEngine.Input;

/// <summary>A deck that cannot be run: the message names the file, the key and its line, and what is expected.</summary>
public sealed class DeckException : Exception
{
    public DeckException(string message) : base(message) { }
    public DeckException(string message, Exception inner) : base(message, inner) { }

    public static DeckException At(string? file, int? line, string key, string problem) =>
        new($"{file ?? "<deck>"}{(line is int l ? $":{l}" : "")}: key '{key}': {problem}");
}
