using System.Reflection;

namespace NemdEngine.IO;

/// <summary>
/// What build of NemdEngine wrote a file: the release (Directory.Build.props &lt;Version&gt;) and the
/// git commit it was built from. The .NET SDK's Source Link stamps the commit into the assembly's
/// informational version as "RELEASE+COMMIT"; a build outside a git checkout has no commit.
/// </summary>
public static class BuildInfo
{
    private static readonly string Informational =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The release, e.g. "0.9.0".</summary>
    public static string Release => Informational.Split('+')[0];

    /// <summary>The full git commit hash, or "unknown".</summary>
    public static string Commit => Informational.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : "unknown";

    /// <summary>"0.9.0 (commit 1a2b3c4d5e6f)": release and short commit, for logs and file headers.</summary>
    public static string Description => Commit == "unknown" ? $"{Release} (commit unknown)" : $"{Release} (commit {Commit[..Math.Min(12, Commit.Length)]})";
}
