using System.Globalization;
using System.Text;

namespace Custodian.Modules.Billing.Tests;

/// <summary>One payment order as a bank writes it into a statement.</summary>
internal sealed record StatementOrder(string Number, DateOnly Date, decimal Amount, string PayerInn, string PayerName, string Purpose,
    string PayerAccount = "40702810200000012345", string PayeeAccount = Supplier.Account);

internal static class Supplier
{
    /// <summary>The supplier's settlement account of <c>Billing:Supplier</c> (its default).</summary>
    public const string Account = "40702810500000001234";
}

/// <summary>
/// Writes statements in the 1CClientBankExchange format (1C's exchange standard with client-bank systems, version
/// 1.03, as published at v8.1c.ru/edi/edi_stnd/100/101.htm): header, the account section, documents, the end.
/// </summary>
internal static class StatementFiles
{
    static StatementFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    public static byte[] Build(IEnumerable<StatementOrder> orders, Encoding? encoding = null, string account = Supplier.Account) =>
        (encoding ?? Windows1251).GetBytes(Text(orders, encoding?.CodePage == 65001 ? "UTF-8" : "Windows", account));

    public static string Text(IEnumerable<StatementOrder> orders, string encodingName = "Windows", string account = Supplier.Account)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append("\r\n");
        var list = orders.ToList();
        var from = list.Count == 0 ? new DateOnly(2026, 12, 1) : list.Min(o => o.Date);
        var to = list.Count == 0 ? new DateOnly(2026, 12, 7) : list.Max(o => o.Date);
        Line("1CClientBankExchange");
        Line("ВерсияФормата=1.03");
        Line("Кодировка=" + encodingName);
        Line("Отправитель=Бухгалтерия предприятия, редакция 3.0");
        Line("Получатель=");
        Line("ДатаСоздания=07.12.2026");
        Line("ВремяСоздания=09:15:02");
        Line("ДатаНачала=" + Day(from));
        Line("ДатаКонца=" + Day(to));
        Line("РасчСчет=" + account);
        Line("СекцияРасчСчет");
        Line("ДатаНачала=" + Day(from));
        Line("ДатаКонца=" + Day(to));
        Line("РасчСчет=" + account);
        Line("НачальныйОстаток=0.00");
        Line("ВсегоПоступило=" + Money(list.Where(o => o.PayeeAccount == account).Sum(o => o.Amount)));
        Line("ВсегоСписано=" + Money(list.Where(o => o.PayeeAccount != account).Sum(o => o.Amount)));
        Line("КонечныйОстаток=0.00");
        Line("КонецРасчСчет");
        foreach (var order in list)
        {
            Line("СекцияДокумент=Платежное поручение");
            Line("Номер=" + order.Number);
            Line("Дата=" + Day(order.Date));
            Line("Сумма=" + Money(order.Amount));
            Line("ПлательщикСчет=" + order.PayerAccount);
            Line("ДатаСписано=" + Day(order.Date));
            Line("Плательщик=ИНН " + order.PayerInn + " " + order.PayerName);
            Line("ПлательщикИНН=" + order.PayerInn);
            Line("Плательщик1=" + order.PayerName);
            Line("ПлательщикРасчСчет=" + order.PayerAccount);
            Line("ПлательщикБанк1=ПАО СБЕРБАНК");
            Line("ПлательщикБанк2=г. Москва");
            Line("ПлательщикБИК=044525225");
            Line("ПлательщикКорсчет=30101810400000000225");
            Line("ПолучательСчет=" + order.PayeeAccount);
            Line("ДатаПоступило=" + Day(order.Date));
            Line("Получатель=ИНН 7709123453 ООО \"Кастодиан Аналитика\"");
            Line("ПолучательИНН=7709123453");
            Line("Получатель1=ООО \"Кастодиан Аналитика\"");
            Line("ПолучательРасчСчет=" + order.PayeeAccount);
            Line("ПолучательБанк1=ПАО СБЕРБАНК");
            Line("ПолучательБИК=044525225");
            Line("ПолучательКорсчет=30101810400000000225");
            Line("ВидПлатежа=");
            Line("ВидОплаты=01");
            Line("ПлательщикКПП=773601001");
            Line("ПолучательКПП=770901001");
            Line("Очередность=5");
            Line("НазначениеПлатежа=" + order.Purpose);
            Line("КонецДокумента");
        }

        Line("КонецФайла");
        return text.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
