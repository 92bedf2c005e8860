using System.Xml.Linq;

namespace Arcanum.Architecture.Tests;

/// <summary>
/// The project-reference graph read from the <c>.csproj</c> files themselves, so the rules below hold
/// for what the build actually uses, transitive references included.
/// </summary>
internal sealed record ProjectFile(string Name, IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences, IReadOnlyList<string> FrameworkReferences)
{
    public static ProjectFile Load(string csprojPath)
    {
        var xml = XDocument.Load(csprojPath);
        IReadOnlyList<string> Includes(string element) =>
            xml.Descendants(element).Select(e => (string?)e.Attribute("Include")).OfType<string>().ToList();

        return new ProjectFile(
            Path.GetFileNameWithoutExtension(csprojPath),
            Includes("ProjectReference").Select(p => Path.GetFileNameWithoutExtension(p.Replace('\\', '/'))).ToList(),
            Includes("PackageReference"),
            Includes("FrameworkReference"));
    }

    /// <summary>This project and every project it reaches through project references.</summary>
    public static IReadOnlyList<ProjectFile> Closure(string name)
    {
        var seen = new Dictionary<string, ProjectFile>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var next))
        {
            if (seen.ContainsKey(next))
            {
                continue;
            }

            var project = Load(RepositoryLayout.SourceProjectPath(next));
            seen.Add(next, project);
            foreach (var reference in project.ProjectReferences)
            {
                pending.Push(reference);
            }
        }

        return [.. seen.Values];
    }
}
