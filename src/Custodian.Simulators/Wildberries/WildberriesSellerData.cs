namespace Custodian.Simulators.Wildberries;

/// <summary>One order as the statistics API shows it at a moment (cancelled or not yet).</summary>
public sealed record SimulatedOrder(
    string Srid, string GNumber, DateTime OrderedAt, DateTime LastChangeDate, SimulatedProduct Product, string Warehouse, string Region, string Okrug,
    decimal TotalPrice, int DiscountPercent, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, bool IsCancel, DateTime? CancelDate);

/// <summary>One sale (saleID S…) or return (R…) as the statistics API shows it at a moment; <see cref="PaymentSaleAmount"/> is the WB Wallet discount in whole rubles.</summary>
public sealed record SimulatedSale(
    string SaleId, string Srid, string GNumber, DateTime SoldAt, DateTime LastChangeDate, SimulatedProduct Product, string Warehouse, string Region, string Okrug,
    decimal TotalPrice, int DiscountPercent, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, decimal ForPay, decimal PaymentSaleAmount);

/// <summary>A row of the detailed realization (finance) report: one sale or return with what the seller is paid.</summary>
/// <see cref="Deduction"/> rows (storage and other charges) belong to a day, not to a sale: they carry no sale date, only the report row's date.
public sealed record SimulatedReportRow(long RrdId, SimulatedSale Sale, string Operation, decimal RetailAmount, decimal ForPay, decimal DeliveryRub, decimal Deduction = 0m)
{
    public bool IsDeduction => Deduction != 0m;
}

/// <summary>A buyer's review of a product, with the name the buyer shows (personal data the collector must drop).</summary>
public sealed record SimulatedFeedback(string Id, SimulatedProduct Product, DateTime CreatedAt, int Rating, string Text, string UserName, string? Answer);

/// <summary>A product size's stock on one WB warehouse at a moment.</summary>
public sealed record SimulatedStock(SimulatedProduct Product, long ChrtId, long WarehouseId, string Warehouse, string Region, int Quantity, int InWayToClient, int InWayFromClient);

/// <summary>A product's sales funnel on one Moscow day: card views, carts, orders, buyouts and cancellations.</summary>
public sealed record SimulatedFunnelDay(
    SimulatedProduct Product, DateOnly Day, int OpenCount, int CartCount, int OrderCount, decimal OrderSum, int BuyoutCount, decimal BuyoutSum, int CancelCount, decimal CancelSum, int AddToWishlist);

/// <summary>A buyer's return of an order on its way back to the seller (the goods-return report).</summary>
public sealed record SimulatedReturn(string Srid, long ShkId, SimulatedProduct Product, DateOnly OrderDay, DateTime ReadyAt, DateTime? CompletedAt, string Reason, string Status);

public sealed record SimulatedProduct(long NmId, string Article, string Barcode, string Category, string Subject, string Brand, string Size, decimal BasePrice);

/// <summary>
/// A seller's Wildberries history generated from a seed: the same seed gives the same orders for the same days,
/// whenever it is asked, so collectors can be checked against the exact totals. Times are Moscow time without an
/// offset, as the API gives them. Cancellations, sales and returns happen days after the order and become visible
/// (with a newer lastChangeDate) only once that moment has passed; on the day of a sale its <c>forPay</c> is still 0.
/// </summary>
public sealed class WildberriesSellerData(int seed, int products = 40, int days = 120)
{
    private static readonly string[] Warehouses = ["Коледино", "Электросталь", "Казань", "Краснодар", "Екатеринбург - Испытателей 14г", "Новосибирск"];
    private static readonly (string Region, string Okrug)[] Regions =
        [("Москва", "Центральный федеральный округ"), ("Санкт-Петербург", "Северо-Западный федеральный округ"), ("Республика Татарстан", "Приволжский федеральный округ"),
         ("Краснодарский край", "Южный федеральный округ"), ("Свердловская область", "Уральский федеральный округ"), ("Новосибирская область", "Сибирский федеральный округ")];
    private static readonly (string Category, string Subject)[] Subjects =
        [("Одежда", "Футболки"), ("Одежда", "Худи"), ("Дом", "Полотенца"), ("Дом", "Кружки"), ("Обувь", "Кроссовки"), ("Аксессуары", "Рюкзаки")];
    private static readonly string[] Sizes = ["S", "M", "L", "XL", "0"];

    public static readonly TimeSpan MoscowOffset = TimeSpan.FromHours(3);

    public int Seed => seed;

    public IReadOnlyList<SimulatedProduct> Products => [.. Enumerable.Range(0, products).Select(Product)];

    /// <summary>Orders placed in the simulated period, each as it looks at <paramref name="nowMoscow"/>.</summary>
    public IEnumerable<SimulatedOrder> OrdersAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            var cancelled = story.CancelledAt is { } c && c <= nowMoscow;
            var change = cancelled ? story.CancelledAt!.Value : story.ChangedAt <= nowMoscow ? story.ChangedAt : story.OrderedAt;
            yield return new SimulatedOrder(story.Srid, story.GNumber, story.OrderedAt, change, story.Product, story.Warehouse, story.Region, story.Okrug,
                story.Product.BasePrice, story.Discount, story.Spp, story.PriceWithDisc, story.FinishedPrice, cancelled, cancelled ? story.CancelledAt : null);
        }
    }

    /// <summary>Sales and returns that happened by <paramref name="nowMoscow"/>.</summary>
    public IEnumerable<SimulatedSale> SalesAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            if (story.SoldAt is { } sold && sold <= nowMoscow)
            {
                yield return Sale("S", story, sold, nowMoscow, 1);
            }

            if (story.ReturnedAt is { } returned && returned <= nowMoscow)
            {
                yield return Sale("R", story, returned, nowMoscow, -1);
            }
        }
    }

    /// <summary>
    /// The finance report as of <paramref name="nowMoscow"/>: every settled sale and return (not those of today), numbered
    /// by <c>rrdId</c> from the moment it happened (seconds, then a counter within the second), so a row keeps its number
    /// and later rows get higher ones however the simulated history window moves.
    /// </summary>
    public IEnumerable<SimulatedReportRow> ReportAt(DateTime nowMoscow)
    {
        var (second, within) = (0L, 0);
        var settled = SalesAt(nowMoscow).Where(s => s.SoldAt.Date < nowMoscow.Date).OrderBy(s => s.SoldAt).ThenBy(s => s.SaleId, StringComparer.Ordinal).ToList();
        foreach (var (sale, index) in settled.Select((s, i) => (s, i)))
        {
            var at = (long)(sale.SoldAt - new DateTime(2020, 1, 1)).TotalSeconds;
            (second, within) = at == second ? (second, within + 1) : (at, 0);
            var isReturn = sale.SaleId[0] == 'R';
            yield return new SimulatedReportRow((at * 100) + within, sale, isReturn ? "Возврат" : "Продажа", Math.Abs(sale.PriceWithDisc), Math.Abs(sale.ForPay), isReturn ? 0m : 50m + (sale.Product.NmId % 5) * 10m);
            if (index + 1 == settled.Count || settled[index + 1].SoldAt.Date != sale.SoldAt.Date)
            {
                // The day's storage charge: a report row of that day without a sale date (numbered after the day's last sale).
                yield return new SimulatedReportRow((at * 100) + within + 1, sale, "Хранение", 0m, 0m, 0m, 10m + sale.SoldAt.Day);
                (second, within) = (at, within + 1);
            }
        }
    }

    private static readonly string[] ReviewTexts =
    [
        "Всё отлично, соответствует описанию.", "Качество хорошее, размер подошёл.", "Пришло быстро, упаковка целая.",
        "Цвет немного отличается от фото.", "Маломерит, пришлось вернуть.", "Цена и качество на уровне, рекомендую.",
    ];

    private static readonly string[] BuyerNames = ["Анна", "Иван", "Мария", "Сергей", "Ольга", "Дмитрий", "Елена"];

    /// <summary>Reviews written by <paramref name="nowMoscow"/>: about a third of sales get one, a few days after delivery.</summary>
    public IEnumerable<SimulatedFeedback> FeedbacksAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            if (story.SoldAt is not { } sold || story.Minute % 3 != 0)
            {
                continue;
            }

            var created = sold.AddDays(1 + (story.Minute % 5)).AddMinutes(story.Minute);
            if (created > nowMoscow)
            {
                continue;
            }

            var rating = 1 + (story.Discount + story.Minute) % 5;
            var answered = created.AddDays(1) <= nowMoscow && story.Minute % 2 == 0;
            yield return new SimulatedFeedback("fb" + story.Srid[1..].Replace(".", "x", StringComparison.Ordinal), story.Product, created, rating,
                ReviewTexts[story.Minute % ReviewTexts.Length], BuyerNames[story.Minute % BuyerNames.Length], answered ? "Спасибо за отзыв!" : null);
        }
    }

    /// <summary>Stock of every product size on its warehouses as of <paramref name="nowMoscow"/> (changes with the hour).</summary>
    public IEnumerable<SimulatedStock> StocksAt(DateTime nowMoscow)
    {
        var hour = (nowMoscow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerHour;
        foreach (var product in Products)
        {
            for (var w = 0; w < 3; w++)
            {
                var warehouse = (int)((product.NmId + w * 2) % Warehouses.Length);
                var random = new Random(Mix(seed, (int)(hour % 100_000), (int)(product.NmId % 100_000) * 8 + w));
                var (region, _) = Regions[warehouse];
                yield return new SimulatedStock(product, product.NmId * 10 + 1, 100 + warehouse, Warehouses[warehouse], region, random.Next(0, 400), random.Next(0, 20), random.Next(0, 5));
            }
        }
    }

    /// <summary>The seller's price of a product before its discount, and the discount in percent.</summary>
    public static (decimal Price, int Discount) PriceOf(SimulatedProduct product) => (product.BasePrice, 10 + (int)(product.NmId % 5) * 10);

    /// <summary>Each product's funnel on <paramref name="day"/> as known at <paramref name="nowMoscow"/>, from the same orders and sales the statistics API shows.</summary>
    public IEnumerable<SimulatedFunnelDay> FunnelOn(DateOnly day, DateTime nowMoscow)
    {
        var orders = OrdersAt(nowMoscow).Where(o => DateOnly.FromDateTime(o.OrderedAt) == day).ToLookup(o => o.Product.NmId);
        var sales = SalesAt(nowMoscow).Where(s => s.SaleId[0] == 'S' && DateOnly.FromDateTime(s.SoldAt) == day).ToLookup(s => s.Product.NmId);
        foreach (var product in Products)
        {
            var ordered = orders[product.NmId].ToList();
            var sold = sales[product.NmId].ToList();
            var cancelled = ordered.Where(o => o.IsCancel).ToList();
            var random = new Random(Mix(seed, day.DayNumber, (int)(product.NmId % 100_000)));
            var carts = ordered.Count * 2 + random.Next(0, 4);
            yield return new SimulatedFunnelDay(product, day, carts * 6 + random.Next(0, 30), carts, ordered.Count, ordered.Sum(o => o.PriceWithDisc),
                sold.Count, sold.Sum(s => s.PriceWithDisc), cancelled.Count, cancelled.Sum(o => o.PriceWithDisc), random.Next(0, 6));
        }
    }

    private static readonly string[] ReturnReasons = ["Не подошёл размер", "Брак", "Не соответствует описанию", "Передумал"];

    /// <summary>Returns on their way back to the seller by <paramref name="nowMoscow"/>: ready at the pickup point, then handed over.</summary>
    public IEnumerable<SimulatedReturn> ReturnsAt(DateTime nowMoscow)
    {
        foreach (var story in Stories(nowMoscow))
        {
            if (story.ReturnedAt is not { } returned || returned > nowMoscow)
            {
                continue;
            }

            var completed = returned.AddDays(2 + story.Minute % 4);
            var done = completed <= nowMoscow;
            yield return new SimulatedReturn(story.Srid, 9_000_000_000L + StableHash(story.Srid), story.Product,
                DateOnly.FromDateTime(story.OrderedAt), returned, done ? completed : null, ReturnReasons[story.Minute % ReturnReasons.Length], done ? "Выдано" : "Готов к выдаче");
        }
    }

    private static SimulatedSale Sale(string kind, Story story, DateTime at, DateTime nowMoscow, int sign)
    {
        // The marketplace fills in the payout the day after: a row of today still has forPay 0.
        var settled = at.Date < nowMoscow.Date;
        var forPay = settled ? sign * Math.Round(story.PriceWithDisc * 0.78m, 2) : 0m;
        var change = settled ? at.Date.AddDays(1).AddHours(3).AddMinutes(story.Minute) : at;
        if (change > nowMoscow)
        {
            change = at;
        }

        return new SimulatedSale(kind + story.Srid[1..].Replace(".", "", StringComparison.Ordinal), story.Srid, story.GNumber, at, change, story.Product, story.Warehouse, story.Region, story.Okrug,
            sign * story.Product.BasePrice, story.Discount, story.Spp, sign * story.PriceWithDisc, sign * story.FinishedPrice, forPay, sign * Math.Round(story.FinishedPrice * 0.02m, 0));
    }

    private sealed record Story(
        string Srid, string GNumber, SimulatedProduct Product, DateTime OrderedAt, DateTime ChangedAt, int Minute, string Warehouse, string Region, string Okrug,
        int Discount, decimal Spp, decimal PriceWithDisc, decimal FinishedPrice, DateTime? CancelledAt, DateTime? SoldAt, DateTime? ReturnedAt);

    private IEnumerable<Story> Stories(DateTime nowMoscow)
    {
        var today = DateOnly.FromDateTime(nowMoscow);
        for (var day = today.AddDays(-days); day <= today; day = day.AddDays(1))
        {
            for (var p = 0; p < products; p++)
            {
                var random = new Random(Mix(seed, day.DayNumber, p));
                var count = random.Next(0, 5);
                var product = Product(p);
                for (var k = 0; k < count; k++)
                {
                    var ordered = day.ToDateTime(TimeOnly.MinValue).AddSeconds(random.Next(0, 86_400));
                    var minute = random.Next(1, 120);
                    var discount = 10 + random.Next(0, 5) * 10;
                    var spp = random.Next(0, 26);
                    var withDisc = Math.Round(product.BasePrice * (100 - discount) / 100m, 2);
                    var finished = Math.Round(withDisc * (100 - spp) / 100m, 2);
                    var fate = random.NextDouble();
                    var (region, okrug) = Regions[random.Next(Regions.Length)];
                    DateTime? cancelled = fate < 0.08 ? ordered.AddHours(random.Next(2, 48)) : null;
                    DateTime? sold = fate >= 0.15 ? ordered.AddDays(random.Next(2, 6)).AddMinutes(random.Next(0, 600)) : null;
                    DateTime? returned = sold is { } s && fate > 0.95 ? s.AddDays(random.Next(3, 12)) : null;
                    var basket = (1000000 + seed * 10000 + random.Next(10000)).ToString(System.Globalization.CultureInfo.InvariantCulture) + day.DayNumber;
                    var warehouse = Warehouses[random.Next(Warehouses.Length)];
                    if (ordered > nowMoscow)
                    {
                        continue; // every draw is made first, so an order not placed yet does not shift the ones after it
                    }

                    yield return new Story($"d{seed}.{day.DayNumber}.{p}.{k}", basket, product, ordered, ordered.AddMinutes(minute), minute, warehouse, region, okrug,
                        discount, spp, withDisc, finished, cancelled, sold, returned);
                }
            }
        }
    }

    /// <summary>FNV-1a of a text: the same number in every process.</summary>
    private static long StableHash(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16_777_619u);
        }

        return hash;
    }

    /// <summary>A seed from three numbers that is the same in every process (unlike <see cref="HashCode"/>).</summary>
    private static int Mix(int a, int b, int c) => unchecked((a * 73_856_093) ^ (b * 19_349_663) ^ (c * 83_492_791)) & int.MaxValue;

    private SimulatedProduct Product(int index)
    {
        var random = new Random(Mix(seed, -1, index));
        var (category, subject) = Subjects[index % Subjects.Length];
        return new SimulatedProduct(
            100_000_000 + seed * 1000L + index,
            $"ART-{seed}-{index:D3}",
            (2_000_000_000_000 + seed * 100_000L + index).ToString(System.Globalization.CultureInfo.InvariantCulture),
            category, subject, "Custodian Demo " + (char)('A' + seed % 26), Sizes[index % Sizes.Length],
            300 + random.Next(0, 48) * 100);
    }
}
