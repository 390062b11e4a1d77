using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Nigehban.Web.Platform;
using Shouldly;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Nigehban.UnitTests.Architecture;

/// <summary>
/// The seams (ADR-021): Platform knows no module, and modules reach each other only through
/// declared contracts (a type marked <see cref="ModuleContractAttribute"/>, or one in Platform),
/// never in a cycle. Read from the compiled app, method bodies and Razor components included.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string Root = "Nigehban.Web";
    private static readonly System.Reflection.Assembly App = typeof(Nigehban.Web.NigehbanHost).Assembly;
    private static readonly ArchUnitNET.Domain.Architecture Architecture = new ArchLoader().LoadAssemblies(App).Build();

    [Fact]
    public void Platform_DependsOnNoFeature() =>
        Types().That().ResideInNamespaceMatching($@"^{Root}\.Platform(\..*)?$")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching($@"^{Root}\.Features(\..*)?$"))
            .Check(Architecture);

    [Fact]
    public void Features_ReachEachOther_OnlyThroughDeclaredContracts()
    {
        var breaches = CrossModuleDependencies()
            .Where(d => !IsContract(d.Target))
            .Select(d => $"{d.Source.FullName} -> {d.Target.FullName}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        breaches.ShouldBeEmpty("a module used another module's type that is not [ModuleContract]:\n" + string.Join("\n", breaches));
    }

    [Fact]
    public void Modules_DependOnEachOther_InOneDirectionOnly()
    {
        var edges = CrossModuleDependencies().Select(d => (From: ModuleOf(d.Source)!, To: ModuleOf(d.Target)!)).ToHashSet();

        var cycles = edges.Where(e => Reaches(edges, e.To, e.From)).Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal).ToList();

        cycles.ShouldBeEmpty("modules that depend on each other (directly or through others):\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void TheRulesSeeTheModules()
    {
        // Guards the tests above against passing on an empty model.
        var modules = Architecture.Types.Select(ModuleOf).OfType<string>().ToHashSet();
        new[] { "Dashboard", "Identity", "Organisation", "Records", "ServiceCentres" }.ShouldAllBe(m => modules.Contains(m));
        CrossModuleDependencies().ShouldNotBeEmpty();
    }

    private static IEnumerable<(IType Source, IType Target)> CrossModuleDependencies() =>
        from type in Architecture.Types
        let source = ModuleOf(type)
        where source is not null
        from dependency in type.Dependencies
        // A method's generic parameter is no type of another module, though ArchUnitNET may name it
        // after another class's method of the same signature (seen with two private TryAsync<T>).
        where dependency.Target is not GenericParameter
        let target = ModuleOf(dependency.Target)
        where target is not null && target != source
        select (type, dependency.Target);

    /// <summary>The module a type belongs to: the folder under Features/ (its namespace's third part).</summary>
    private static string? ModuleOf(IType type)
    {
        var parts = (type.Namespace?.FullName ?? "").Split('.');
        return parts is ["Nigehban", "Web", "Features", var module, ..] ? module : null;
    }

    private static bool IsContract(IType type)
    {
        // Nested and compiler-generated types are judged by the type that declares them.
        var name = type.FullName.Split('/', '+')[0].Split('<')[0];
        var clr = App.GetType(name);
        return clr is not null && clr.IsDefined(typeof(ModuleContractAttribute), inherit: false);
    }

    private static bool Reaches(HashSet<(string From, string To)> edges, string from, string to)
    {
        var seen = new HashSet<string>();
        var next = new Stack<string>([from]);
        while (next.TryPop(out var module))
        {
            if (module == to)
            {
                return true;
            }

            foreach (var edge in edges.Where(e => e.From == module && seen.Add(e.To)))
            {
                next.Push(edge.To);
            }
        }

        return false;
    }
}
