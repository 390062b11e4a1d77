using Nigehban.Web.Features.ServiceCentres;
using Shouldly;

namespace Nigehban.UnitTests.ServiceCentres;

/// <summary>The cache's own rules (ADR-015); what the endpoint does with it is tested over HTTP in the integration tests.</summary>
public sealed class TrackingCacheTests : IDisposable
{
    private readonly List<TrackingCache> _caches = [];

    public void Dispose()
    {
        _caches.ForEach(c => c.Dispose());
    }

    private const string Id = "3520212345671";

    /// <summary>A clock the test moves; the cache reads time through <see cref="TimeProvider.GetTimestamp"/>.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    private static TrackedStatus Status(string reference, ServiceRequestStatus status = ServiceRequestStatus.Submitted) =>
        new(reference, "character-certificate", status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7), "T*** A********", null, [], []);

    private (TrackingCache Cache, ManualClock Clock) NewCache(int maxEntries = 100, int expirySeconds = 10)
    {
        var clock = new ManualClock();
        var cache = new TrackingCache(new TrackingCacheOptions { MaxEntries = maxEntries, Expiry = TimeSpan.FromSeconds(expirySeconds) }, clock);
        _caches.Add(cache);
        return (cache, clock);
    }

    private static void Put(TrackingCache cache, string reference, string nationalId = Id, ServiceRequestStatus status = ServiceRequestStatus.Submitted) =>
        cache.Store(reference, nationalId, Status(reference, status), cache.Generation(reference));

    [Fact]
    public void Entry_IsServedOnlyToTheNationalIdItWasReadWith()
    {
        var (cache, _) = NewCache();
        Put(cache, "PKM-LHR-26-000001-A");

        cache.TryGet("PKM-LHR-26-000001-A", Id, out var status).ShouldBeTrue();
        status.Reference.ShouldBe("PKM-LHR-26-000001-A");
        cache.TryGet("PKM-LHR-26-000001-A", "3520212345672", out _).ShouldBeFalse();
        cache.TryGet("PKM-LHR-26-000001-A", Id[..^1], out _).ShouldBeFalse();
        cache.TryGet("PKM-LHR-26-000001-A", Id + "0", out _).ShouldBeFalse();
        cache.TryGet("PKM-LHR-26-000002-B", Id, out _).ShouldBeFalse();
        cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeTrue("a wrong ID does not remove the entry");
    }

    [Fact]
    public void Entry_ExpiresAfterTheConfiguredTime_OnTheGivenClock()
    {
        var (cache, clock) = NewCache(expirySeconds: 10);
        Put(cache, "PKM-LHR-26-000001-A");

        clock.Advance(TimeSpan.FromSeconds(9.9));
        cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeTrue();
        clock.Advance(TimeSpan.FromSeconds(0.1));
        cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeFalse();
        cache.Count.ShouldBe(0, "an expired entry found on a read is dropped");
    }

    [Fact]
    public void Sweep_DropsExpiredEntries_ThatNobodyReadsAgain()
    {
        var (cache, clock) = NewCache(expirySeconds: 10);
        Put(cache, "PKM-LHR-26-000001-A");
        clock.Advance(TimeSpan.FromSeconds(5));
        Put(cache, "PKM-LHR-26-000002-B");
        clock.Advance(TimeSpan.FromSeconds(5));

        cache.SweepExpired();

        cache.Count.ShouldBe(1);
        cache.TryGet("PKM-LHR-26-000002-B", Id, out _).ShouldBeTrue();
    }

    [Fact]
    public void Evict_DropsTheEntry_AndAReadThatStartedBeforeItCannotStoreAfterIt()
    {
        var (cache, _) = NewCache();
        Put(cache, "PKM-LHR-26-000001-A");
        var readStarted = cache.Generation("PKM-LHR-26-000001-A"); // a read queries the database now...

        cache.Evict(["PKM-LHR-26-000001-A"]); // ...a change commits and evicts...
        cache.Store("PKM-LHR-26-000001-A", Id, Status("PKM-LHR-26-000001-A"), readStarted); // ...and the read stores what it saw before

        cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeFalse();
        Put(cache, "PKM-LHR-26-000001-A", status: ServiceRequestStatus.DocumentsChecked); // a read that started after the eviction
        cache.TryGet("PKM-LHR-26-000001-A", Id, out var status).ShouldBeTrue();
        status.Status.ShouldBe(ServiceRequestStatus.DocumentsChecked);
    }

    [Fact]
    public void EvictAll_DropsEveryEntry_AndStopsEveryReadInFlightFromStoring()
    {
        var (cache, _) = NewCache();
        Put(cache, "PKM-LHR-26-000001-A");
        Put(cache, "PKM-LHR-26-000002-B");
        var readStarted = cache.Generation("PKM-LHR-26-000003-C");

        cache.EvictAll();
        cache.Store("PKM-LHR-26-000003-C", Id, Status("PKM-LHR-26-000003-C"), readStarted);

        cache.Count.ShouldBe(0);
        cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeFalse();
        cache.TryGet("PKM-LHR-26-000003-C", Id, out _).ShouldBeFalse();
    }

    [Fact]
    public void StoringTheSameReferenceAgain_ReplacesItsEntry_AndCountsItOnce()
    {
        var (cache, _) = NewCache();
        Put(cache, "PKM-LHR-26-000001-A");
        Put(cache, "PKM-LHR-26-000001-A", status: ServiceRequestStatus.RecordChecked);

        cache.Count.ShouldBe(1);
        cache.TryGet("PKM-LHR-26-000001-A", Id, out var status).ShouldBeTrue();
        status.Status.ShouldBe(ServiceRequestStatus.RecordChecked);
    }

    [Fact]
    public void Size_StaysWithinTheLimit_ExpiredEntriesGoingFirst()
    {
        var (cache, clock) = NewCache(maxEntries: 50);
        for (var i = 0; i < 40; i++)
        {
            Put(cache, $"OLD-{i}");
        }

        clock.Advance(TimeSpan.FromSeconds(11));
        for (var i = 0; i < 30; i++)
        {
            Put(cache, $"NEW-{i}");
        }

        cache.Count.ShouldBeLessThanOrEqualTo(50);
        for (var i = 0; i < 30; i++)
        {
            cache.TryGet($"NEW-{i}", Id, out _).ShouldBeTrue($"NEW-{i}: only expired entries had to go");
        }

        for (var i = 0; i < 500; i++)
        {
            Put(cache, $"MORE-{i}");
            cache.Count.ShouldBeLessThanOrEqualTo(50);
        }

        cache.TryGet("MORE-499", Id, out _).ShouldBeTrue("a full cache makes room for new answers");
    }

    [Fact]
    public void ZeroEntriesOrZeroExpiry_TurnsTheCacheOff()
    {
        foreach (var (cache, _) in new[] { NewCache(maxEntries: 0), NewCache(expirySeconds: 0) })
        {
            cache.Enabled.ShouldBeFalse();
            Put(cache, "PKM-LHR-26-000001-A");
            cache.TryGet("PKM-LHR-26-000001-A", Id, out _).ShouldBeFalse();
        }
    }
}
