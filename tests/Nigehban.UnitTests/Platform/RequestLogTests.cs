using Nigehban.Web.Platform.Api;
using Shouldly;

namespace Nigehban.UnitTests.Platform;

public sealed class RequestLogTests
{
    [Theory]
    [InlineData("?nationalId=35202-1234567-1", "?nationalId=[redacted]")]
    [InlineData("?NATIONALID=3520212345671&page=2", "?NATIONALID=[redacted]&page=2")]
    [InlineData("?national%49d=3520212345671", "?national%49d=[redacted]")]
    [InlineData("?ticket=CfDJ8abc&x=1&token=t", "?ticket=[redacted]&x=1&token=[redacted]")]
    [InlineData("?s=signature&code=ABCD", "?s=signature&code=ABCD")]
    [InlineData("", "")]
    [InlineData("?", "")]
    public void Redact_ReplacesTheValuesOfPersonalOrSecretParameters_Only(string query, string expected) =>
        RequestLog.Redact(query).ShouldBe(expected);
}
