using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using NemdEngine.Input;

namespace NemdEngine.Cli;

/// <summary>
/// The `nemd` command line: its root command, and how a command line is run. A parse error is bad
/// input: one line on stderr naming the option and what it expects, exit 2 (not System.CommandLine's
/// exit 1 with .NET type names and the help text). Nothing leaves as a stack trace: an exception no
/// command handled is one line and exit 3.
/// </summary>
public static class NemdCli
{
    public static RootCommand CreateRoot() => new("NemdEngine: non-equilibrium molecular dynamics for thermal boundary (Kapitza) resistance")
    {
        RunCommand.Create(),
        DevicesCommand.Create(),
        SelftestCommand.Create(),
        BenchCommand.Create(),
        AnalyzeCommand.Create(),
        LatticeCommand.Create(),
        BuildCommand.Create(),
        TheoryCommand.Create(),
        SweepCommand.Create(),
        CollectCommand.Create(),
    };

    /// <summary>Runs `nemd ARGS` and returns the exit code.</summary>
    public static int Run(string[] args) => Invoke(CreateRoot(), args);

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command.</summary>
    public static int Invoke(Command root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            Console.Error.WriteLine($"error: {Describe(parse)}");
            return RunCommand.ExitBadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // A failure no command expected (a bug, or the machine): still one line.
            Console.Error.WriteLine($"error: {OneLine(e.Message)}");
            return RunCommand.ExitRunFailed;
        }
    }

    /// <summary>The first parse error in words, naming the option or argument and what it expects.</summary>
    public static string Describe(ParseResult parse)
    {
        var error = parse.Errors[0];
        // The whole command path ("nemd sweep status"), for subcommands of subcommands.
        var names = new List<string>();
        for (var c = parse.CommandResult; c is not null && c.Command is not RootCommand; c = c.Parent as CommandResult) names.Insert(0, c.Command.Name);
        string command = string.Join(' ', new[] { "nemd" }.Concat(names));
        string hint = $" (see {command} --help)";
        string message = OneLine(error.Message);
        if (parse.UnmatchedTokens.Count > 0) return $"unknown option or argument '{DeckText.Clip(parse.UnmatchedTokens[0])}'{hint}";
        if (parse.CommandResult.Command is RootCommand root && root.Subcommands.Count > 0)
            return $"a command is required: {string.Join(", ", root.Subcommands.Select(c => c.Name))}{hint}";
        var (symbol, valueType) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType),
            ArgumentResult { Parent: OptionResult o } => (o.Option.Name, o.Option.ValueType),
            ArgumentResult a => (a.Argument.Name, a.Argument.ValueType),
            _ => ((string?)null, (Type?)null),
        };
        if (symbol is null) return message + hint;
        // System.CommandLine's own conversion errors name .NET types: say what is expected in words.
        if (message.Contains("as expected type", StringComparison.Ordinal) && valueType is not null)
        {
            var tokens = error.SymbolResult!.Tokens;
            string token = tokens.Count > 0 ? tokens[^1].Value : "";
            message = $"expected {Words(valueType)}, got '{DeckText.Clip(token)}'";
        }
        return (message.StartsWith(symbol + ":", StringComparison.Ordinal) ? message : $"{symbol}: {message}") + hint;
    }

    /// <summary>An option's value type in words.</summary>
    public static string Words(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
        var t when t == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
        var t when t == typeof(ulong) => $"a whole number from 0 to {ulong.MaxValue}",
        var t when t == typeof(double) || t == typeof(float) => "a number",
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(FileInfo) => "a file path",
        var t when t == typeof(DirectoryInfo) => "a folder path",
        _ => "text",
    };

    /// <summary>
    /// A custom parser for an option whose value <paramref name="parse"/> converts; text it cannot
    /// convert is a parse error saying what was <paramref name="expected"/>, in words.
    /// </summary>
    public static Func<ArgumentResult, T> Parser<T>(string option, string expected, Func<string, (bool Ok, T Value)> parse) => result =>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var (ok, value) = parse(text);
        if (!ok) result.AddError($"{option}: expected {expected}, got '{DeckText.Clip(text)}'");
        return value;
    };

    public static (bool, long?) WholeNumber(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? (true, v) : (false, null);

    public static (bool, int?) SmallWholeNumber(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? (true, v) : (false, null);

    public static (bool, double) Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? (true, v) : (false, double.NaN);

    /// <summary>A message on one line, clipped: what .NET or System.CommandLine says may span lines.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
