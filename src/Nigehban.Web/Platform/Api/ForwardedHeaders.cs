using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Behind a reverse proxy (nginx, a load balancer) the connection comes from the proxy: the
/// client's address and scheme arrive in X-Forwarded-For / X-Forwarded-Proto. They are believed
/// only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> / <c>KnownNetworks</c>
/// (loopback is always trusted), so a client cannot choose its own address to dodge rate
/// limiting or forge the audit trail's "where from". Without this, every citizen would share the
/// proxy's rate-limit bucket and HSTS would never be sent behind a TLS-terminating proxy.
/// </summary>
public static class ForwardedHeaders
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddNigehbanForwardedHeaders(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            var section = configuration.GetSection(Section);
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // One proxy in front by default; a chain of proxies raises this.
            options.ForwardLimit = section.GetValue("ForwardLimit", 1);
        });
        return services;
    }
}
