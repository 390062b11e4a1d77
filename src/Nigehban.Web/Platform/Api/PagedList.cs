using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Nigehban.Web.Platform.Api;

/// <summary>Every list pages: default 20, at most 100. Out-of-range paging is a 400 naming the parameter.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static async Task<PagedList<T>> CreateAsync<TSource>(
        IQueryable<TSource> query, Expression<Func<TSource, T>> projection, int page, int pageSize, CancellationToken cancellationToken)
    {
        if (page < 1)
        {
            throw new ValidationFailedException("page", ApiErrors.Text("Page.StartsAtOne"));
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw new ValidationFailedException("pageSize", ApiErrors.Text("PageSize.Range", MaxPageSize));
        }

        var total = await query.CountAsync(cancellationToken);
        // Computed in 64 bits: page=2147483647 must give an empty page, not an overflowed offset.
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total)
        {
            return new PagedList<T>([], page, pageSize, total);
        }

        var items = await query.Skip((int)skip).Take(pageSize).Select(projection).ToListAsync(cancellationToken);
        return new PagedList<T>(items, page, pageSize, total);
    }
}
