using System.Reflection;
using Xunit.v3;

namespace Nigehban.EndToEndTests.Infrastructure;

/// <summary>
/// Applied to the whole assembly: after every test, the pages it opened are audited once more and the
/// test fails if axe found a WCAG 2.0/2.1 A or AA violation on any of them at any point. Then the
/// browser contexts the test opened are closed (<see cref="TestBrowserContexts"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AuditAccessibilityAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        // xunit calls After synchronously on one of its few worker threads: the audit runs on the thread
        // pool, so its continuations never wait for the thread this call is blocking.
        var findings = Task.Run(async () =>
        {
            try
            {
                return await AccessibilityAudit.FinishTestAsync();
            }
            finally
            {
                await TestBrowserContexts.CloseTheTestsAsync();
            }
        }).GetAwaiter().GetResult();
        if (findings.Count > 0)
        {
            Assert.Fail("axe-core found WCAG 2.1 A/AA violations:" + Environment.NewLine + string.Join(Environment.NewLine, findings));
        }
    }
}
