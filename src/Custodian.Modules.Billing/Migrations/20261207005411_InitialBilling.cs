using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Billing.Migrations
{
    /// <inheritdoc />
    internal partial class InitialBilling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_payers",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    account = table.Column<string>(maxLength: 100, nullable: false),
                    country = table.Column<string>(maxLength: 2, nullable: false),
                    kind = table.Column<string>(maxLength: 20, nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    payer_name = table.Column<byte[]>(nullable: false),
                    payer_inn = table.Column<byte[]>(nullable: true),
                    inn_index = table.Column<byte[]>(nullable: true),
                    kpp = table.Column<string>(maxLength: 9, nullable: true),
                    ogrn = table.Column<string>(maxLength: 13, nullable: true),
                    payer_ogrnip = table.Column<byte[]>(nullable: true),
                    payer_address = table.Column<byte[]>(nullable: true),
                    payer_account = table.Column<byte[]>(nullable: true),
                    bic = table.Column<string>(maxLength: 9, nullable: true),
                    correspondent_account = table.Column<string>(maxLength: 20, nullable: true),
                    business_id = table.Column<string>(maxLength: 9, nullable: true),
                    e_invoice_address = table.Column<string>(maxLength: 35, nullable: true),
                    e_invoice_operator = table.Column<string>(maxLength: 35, nullable: true),
                    contact_name = table.Column<byte[]>(nullable: true),
                    contact_email = table.Column<byte[]>(nullable: true),
                    contact_phone = table.Column<byte[]>(nullable: true),
                    updated_at_utc = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_billing_payers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_billing_payers_account",
                table: "billing_payers",
                column: "account",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_billing_payers_inn_index",
                table: "billing_payers",
                column: "inn_index");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_payers");
        }
    }
}
