using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Marketplace.Migrations
{
    /// <inheritdoc />
    internal partial class BuyerReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "marketplace_buyer_reviews",
                columns: table => new
                {
                    account_id = table.Column<Guid>(nullable: false),
                    feedback_id = table.Column<string>(maxLength: 64, nullable: false),
                    review_text = table.Column<byte[]>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false),
                    collected_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_marketplace_buyer_reviews", x => new { x.account_id, x.feedback_id });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "marketplace_buyer_reviews");
        }
    }
}
