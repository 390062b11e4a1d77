using System.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Api;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// Every list pages in one shape, <see cref="PagedList{T}"/> (default 20, at most 100). A bare
/// collection is allowed only for the lists below, bounded by the force pack or the code, not by
/// use; anything else that returns one, or carries paging of its own, fails here.
/// </summary>
public sealed class ListShapeTests(SqliteApp app)
{
    /// <summary>Endpoint names whose answer is a whole, bounded list, and why it is bounded.</summary>
    private static readonly Dictionary<string, string> BoundedLists = new(StringComparer.Ordinal)
    {
        ["ListUnits"] = "the force pack's unit tree, read whole by pickers and the map",
        ["ListServices"] = "the force pack's service catalogue",
        ["ListDashboardMetrics"] = "the metric catalogue, defined in code",
        ["GetDashboardBreakdown"] = "one row per value of a metric's dimension (the pack's services)",
        ["ListQueueTokens"] = "today's tokens of one centre: one day's queue, read whole by the counter screen",
        ["CountInvestigationsByStage"] = "one count per investigation stage, a list defined in code",
        ["CountInvestigationsByStation"] = "one row per station of the force pack under the unit: a district's few dozen",
        ["GetLookupPurposes"] = "the force pack's lookup purposes",
    };

    [Fact]
    public void EveryListEndpoint_ReturnsThePagedShape()
    {
        var answers = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
                .Where(m => m.StatusCode == StatusCodes.Status200OK && m.Type is not null)
                .Select(m => (Endpoint: e, Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.DisplayName ?? "?", Type: m.Type!)))
            .ToList();
        answers.Count.ShouldBeGreaterThan(10);

        var wrong = answers
            .Where(a => IsPaged(a.Type) ? false : HasPagingOfItsOwn(a.Type) || (IsBareCollection(a.Type) && !BoundedLists.ContainsKey(a.Name)))
            .Select(a => $"{a.Name} ({a.Endpoint.RoutePattern.RawText}) answers {a.Type.Name}")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        wrong.ShouldBeEmpty("lists must answer PagedList<T>, or be listed as bounded here:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void TheRuleRefusesOtherShapes()
    {
        HasPagingOfItsOwn(typeof(HomegrownPage)).ShouldBeTrue();
        IsBareCollection(typeof(string[])).ShouldBeTrue();
        IsBareCollection(typeof(List<string>)).ShouldBeTrue();
        IsBareCollection(typeof(string)).ShouldBeFalse();
        IsPaged(typeof(PagedList<string>)).ShouldBeTrue();
    }

    private static bool IsPaged(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PagedList<>);

    private static bool IsBareCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool HasPagingOfItsOwn(Type type) =>
        type.GetProperties().Any(p => p.Name is "Page" or "PageSize" or "Total" or "TotalCount" or "Offset" or "Skip")
        && type.GetProperties().Any(p => IsBareCollection(p.PropertyType));

    private sealed record HomegrownPage(int Total, int Page, IReadOnlyList<string> Items);
}
