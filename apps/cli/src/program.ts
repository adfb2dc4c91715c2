import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { runDemo, runRebuild, runTokenCreate, runTokenList, runTokenRevoke } from './admin/admin.commands';
import { ApiClient, DEFAULT_URL } from './api-client';
import { chineseError, chineseHelp } from './chinese-help';
import { CliError, EXIT_FAILED, EXIT_OK } from './cli-error';
import { runImport } from './import/import.command';
import { DEFAULT_MAPPING } from './import/treasury-mapping';
import { REPORT_FORMATS, REPORTS, runReport } from './report/report.command';

/** Global options, on every command: `--url`/BUDGET_URL, `--token`/BUDGET_TOKEN. */
interface GlobalOptions {
  url: string;
  token?: string;
}

/** The clients made by this run, closed at its end so kept-alive connections do not hold the process. */
const clients: ApiClient[] = [];
const clientOf = (command: Command) => {
  const { url, token } = command.optsWithGlobals<GlobalOptions>();
  const client = new ApiClient(url, token);
  clients.push(client);
  return client;
};

function positiveInt(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) throw new InvalidArgumentError(`须为 1–${max} 的整数`);
    return n;
  };
}

function yearArg(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2000 || Number(value) > 2100) throw new InvalidArgumentError('须为 2000–2100 的四位年份');
  return Number(value);
}

/** The `budget` command line (commander), every text in Chinese. */
export function buildProgram(version: string): Command {
  const program = new Command('budget');
  program
    .description('预算执行跟踪系统的命令行工具：导入国库导出的指标与支付、下载报表、重建投影、管理访问令牌。\n通过 HTTP API 工作（npm start 启动的服务）。')
    .version(version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .addOption(new Option('--url <地址>', 'API 地址').env('BUDGET_URL').default(DEFAULT_URL))
    .addOption(new Option('--token <令牌>', '访问令牌（Bearer）').env('BUDGET_TOKEN'))
    .configureHelp(chineseHelp)
    .configureOutput({ outputError: (text, write) => write(chineseError(text)) })
    .showHelpAfterError('（用 budget --help 或 budget <命令> --help 查看用法）')
    .exitOverride()
    .addHelpText(
      'after',
      `
示例：
  export BUDGET_URL=http://127.0.0.1:3000 BUDGET_TOKEN=…
  budget import 指标.csv 支付.xlsx --dept 434 --year 2024
  budget import events.ndjson
  budget report final-accounts --dept 434 --year 2024 --format xlsx -o 决算.xlsx
  budget tokens create --scope ingest:434 --scope read:434 --name 海港区财务
  budget rebuild

退出状态：0 成功；1 导入完成但有被拒绝的行；2 文件、参数或 API 错误。`,
    );

  program
    .command('import')
    .description('导入文件：NDJSON 事件，或国库导出的指标 / 支付清单（CSV、XLSX，中文表头）。\n流式读取、分批提交；重复运行不会重复记账（事件 ID 由行内容确定）。')
    .argument('[文件...]', '要导入的文件，按顺序导入（先指标，后支付）')
    .addOption(new Option('--batch-size <条数>', '每批提交的事件数').argParser(positiveInt(10_000)).default(1000))
    .option('--rejects <文件>', '被拒绝的行写入此文件（默认：输入文件旁的 <文件>.rejects.csv）')
    .option('--mapping <文件>', '列名与取值的映射（JSON，覆盖默认映射）')
    .addOption(new Option('--kind <类型>', '文件类型：appropriation 指标，payment 支付（默认按表头识别）').choices(['appropriation', 'payment']))
    .option('--dept <部门编码>', 'CSV/XLSX 的行所属部门（表中没有「部门编码」列时必填）')
    .addOption(new Option('--year <年度>', '预算年度（默认取「预算年度」列，或日期的年份）').argParser(yearArg))
    .option('--json', '以 JSON 输出导入汇总')
    .option('--print-mapping', '打印默认映射（JSON）后退出，可复制修改后用 --mapping 指定')
    .addHelpText(
      'after',
      `
指标清单（每行一笔指标下达 AppropriationIssued）常用列：
  指标文号、预算单位、功能分类科目、经济分类科目、资金性质、支出类型、项目代码、项目名称、金额、下达日期、指标类型
支付清单（每行一笔支付 PaymentMade）常用列：
  支付凭证号、预算单位、功能分类科目、经济分类科目、资金性质、支出类型、项目代码、金额、支付日期、收款人、支付方式
文件编码自动识别（UTF-8、GBK/GB18030、UTF-16），GBK 文件会自动转换。
被拒绝的行（无法解析的行，以及 API 拒绝的事件）连同行号和原因写入拒绝明细文件，退出状态为 1。

示例：
  budget import 2024指标.csv 2024支付.csv --dept 434
  budget import 支付.xlsx --dept 434 --year 2024 --rejects 拒绝.csv
  budget import --print-mapping > 映射.json`,
    )
    .action(async (files: string[], options, command: Command) => {
      if (options.printMapping) {
        process.stdout.write(`${JSON.stringify(DEFAULT_MAPPING, null, 2)}\n`);
        return;
      }
      if (!files.length) throw new CliError('请指定要导入的文件，例如：budget import 指标.csv --dept 434');
      process.exitCode = await runImport(files, options, clientOf(command));
    });

  program
    .command('report')
    .description('下载报表：请求对应的 API 路由，原样写出返回的字节')
    .addArgument(new Argument('<报表>', `报表名称：${Object.entries(REPORTS).map(([k, r]) => `${k} ${r.title}`).join('，')}`).choices(Object.keys(REPORTS)))
    .requiredOption('--dept <部门编码>', '部门编码')
    .requiredOption('--year <年度>', '预算年度')
    .option('--as-of <日期>', '业务日期 YYYY-MM-DD：截至当日的状态')
    .option('--known-at <时刻>', 'RFC 3339 时刻：只用当时已入库的事件（复现当时报出的报表）')
    .addOption(new Option('--format <格式>', '输出格式（各报表支持的格式不同，不支持时 API 返回 400）').choices([...REPORT_FORMATS]))
    .addOption(new Option('--unit <单位>', '金额单位：yuan 元，wan 万元').choices(['yuan', 'wan']))
    .option('--group-by <维度>', '执行进度的汇总维度：department | unit | function | project | line')
    .option('--template <模板>', '文档样式：决算 MOF|SEED_000，部门预算 SEED_001|SEED_004')
    .option('--table <表号>', '决算表 CSV 导出哪一张表（01–09，final-accounts --format csv 必填）')
    .option('-o, --output <文件>', '输出文件（- 或不指定时写到标准输出）')
    .addHelpText(
      'after',
      `
示例：
  budget report progress --dept 434 --year 2024 --as-of 2024-06-30
  budget report monitoring --dept 434 --year 2024 --format docx -o 绩效监控.docx
  budget report final-accounts --dept QG-GOV --year 2023 --format xlsx -o 决算.xlsx
  budget report budget --dept 434 --year 2024 --format docx -o 部门预算.docx
  budget report checks --dept 434 --year 2024 --known-at 2024-07-15T09:00:00+08:00`,
    )
    .action(async (name: string, options, command: Command) => {
      await runReport(name, options, clientOf(command));
    });

  program
    .command('rebuild')
    .description('从事件存储重建账本状态与全部投影（需要 admin 权限），显示用时')
    .option('--json', '以 JSON 输出结果')
    .action(async (options, command: Command) => runRebuild(clientOf(command), options));

  const tokens = program.command('tokens').description('管理访问令牌（需要 admin 权限）');
  tokens
    .command('create')
    .description('签发令牌：令牌本身只显示这一次（标准输出只有令牌，便于脚本保存）')
    .addOption(
      new Option('--scope <权限>', '权限，可多次指定：ingest、ingest:<部门>、read:<部门>、read:*、admin')
        .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
        .makeOptionMandatory(),
    )
    .option('--name <名称>', '令牌名称（如使用的系统或人员）')
    .option('--json', '以 JSON 输出')
    .addHelpText('after', '\n示例：\n  budget tokens create --scope ingest:434 --scope read:434 --name 海港区国库接口')
    .action(async (options, command: Command) => runTokenCreate(clientOf(command), options));
  tokens
    .command('list')
    .description('列出已签发的令牌（编号、名称、权限、时间、状态；从不显示令牌本身）')
    .option('--json', '以 JSON 输出')
    .action(async (options, command: Command) => runTokenList(clientOf(command), options));
  tokens
    .command('revoke')
    .description('吊销令牌：它的下一次请求将得到 401')
    .argument('<编号>', '令牌编号（budget tokens list 中的 ID）')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, options, command: Command) => runTokenRevoke(clientOf(command), id, options));

  program
    .command('demo')
    .description('载入演示数据（种子部门 434、430、QG-GOV 的预算、支付、指标与决算；需要 admin 权限，重复运行不会重复记账）')
    .option('--json', '以 JSON 输出结果')
    .action(async (options, command: Command) => runDemo(clientOf(command), options));

  return program;
}

/** Runs the command line; answers the exit status (errors are printed here, in Chinese). */
export async function runCli(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') return e.exitCode === 0 ? EXIT_OK : EXIT_FAILED;
      return EXIT_FAILED;
    }
    if (e instanceof CliError) {
      process.stderr.write(`错误：${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`错误：${(e as Error)?.stack ?? String(e)}\n`);
    return EXIT_FAILED;
  } finally {
    for (const client of clients.splice(0)) client.close();
  }
}
