using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Web.Platform.Migrations
{
    /// <inheritdoc />
    internal partial class OperatorSignInLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "host_operator_sign_in_links",
                columns: table => new
                {
                    token_hash = table.Column<byte[]>(nullable: false),
                    @operator = table.Column<string>(name: "operator", maxLength: 40, nullable: false),
                    expires_at_utc = table.Column<DateTime>(nullable: false),
                    used_at_utc = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_host_operator_sign_in_links", x => x.token_hash);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "host_operator_sign_in_links");
        }
    }
}
