namespace NemdEngine.Input;

/// <summary>A deck that cannot be run: the message names the file, the key and its line, and what is expected.</summary>
public sealed class DeckException : Exception
{
    public DeckException(string message) : base(message) { }
    public DeckException(string message, Exception inner) : base(message, inner) { }

    public static DeckException At(string? file, int? line, string key, string problem) =>
        new($"{file ?? "<deck>"}{(line is int l ? $":{l}" : "")}: key '{DeckText.Clip(key)}': {problem}");
}

/// <summary>How messages quote what a user wrote: on one line, and never more than <see cref="MaxQuoted"/> characters.</summary>
public static class DeckText
{
    /// <summary>Characters of a user's value, key or file text that a message quotes; longer ones are cut with an ellipsis.</summary>
    public const int MaxQuoted = 80;

    /// <summary>The text with control characters (newlines, tabs) escaped, cut to <see cref="MaxQuoted"/> characters with "…".</summary>
    public static string Clip(string? text)
    {
        if (text is null) return "";
        var s = new System.Text.StringBuilder(MaxQuoted + 8);
        int used = 0;
        while (used < text.Length && s.Length <= MaxQuoted)
        {
            char c = text[used++];
            s.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return used == text.Length && s.Length <= MaxQuoted ? s.ToString() : s.ToString(0, MaxQuoted - 1) + "…";
    }
}
