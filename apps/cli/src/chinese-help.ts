import { Help, type Argument, type Command, type Option } from 'commander';

/**
 * commander's help and error texts in Chinese: its section titles, the (default / choices / env) notes of an option,
 * and the messages of a bad command line. Only the words change; the layout is commander's.
 */
const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

/** East Asian wide characters take two terminal columns. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/** The width of a text on a terminal (ANSI colour codes take none, a CJK character two), for aligning the columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const c of text.replace(/\x1b\[[0-9;]*m/g, '')) width += WIDE.test(c) ? 2 : 1;
  return width;
}

const chineseUsage = (text: string) => text.replace(/\[options\]/g, '[选项]').replace(/\[command\]/g, '[命令]');

export const chineseHelp: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  displayWidth,
  optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`可选：${option.argChoices.join(' | ')}`);
    if (option.defaultValue !== undefined && (option.required || option.optional)) {
      extra.push(`默认：${option.defaultValueDescription ?? String(option.defaultValue)}`);
    }
    if (option.envVar !== undefined) extra.push(`环境变量：${option.envVar}`);
    return extra.length ? `${option.description}（${extra.join('；')}）` : option.description;
  },
  argumentDescription(argument: Argument): string {
    const extra = argument.defaultValue !== undefined ? `（默认：${argument.defaultValueDescription ?? String(argument.defaultValue)}）` : '';
    return `${argument.description}${extra}`;
  },
  // The usage words in Chinese before the columns are measured, so they stay aligned.
  commandUsage(cmd: Command): string {
    return chineseUsage(Help.prototype.commandUsage.call(this, cmd));
  },
  subcommandTerm(cmd: Command): string {
    return chineseUsage(Help.prototype.subcommandTerm.call(this, cmd));
  },
};

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: unknown option '(.+?)'/, (o) => `错误：未知选项「${o}」`],
  [/^error: unknown command '(.+?)'/, (c) => `错误：未知命令「${c}」`],
  [/^error: missing required argument '(.+?)'/, (a) => `错误：缺少参数「${a}」`],
  [/^error: option '(.+?)' argument missing/, (o) => `错误：选项「${o}」缺少取值`],
  [/^error: required option '(.+?)' not specified/, (o) => `错误：必须指定选项「${o}」`],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\.\s*(.*)$/s, (o, v, why) => `错误：选项「${o}」的取值「${v}」无效${why ? `：${why.trim()}` : ''}`],
  [/^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\.\s*(.*)$/s, (v, a, why) => `错误：参数「${a}」的取值「${v}」无效${why ? `：${why.trim()}` : ''}`],
  [/^error: too many arguments/, () => '错误：参数过多'],
];

/** A commander error message in Chinese (unknown messages are kept as they are). */
export function chineseError(message: string): string {
  let text = message.replace(/\n$/, '');
  for (const [pattern, render] of ERRORS) {
    const m = pattern.exec(text);
    if (m) {
      text = text.replace(m[0], render(...m.slice(1)));
      break;
    }
  }
  return (
    text
      .replace(/Allowed choices are (.+?)\.?$/m, '可选值：$1')
      .replace(/\(Did you mean (.+?)\?\)/, '（是否想输入 $1？）')
      .replace(/^error: /, '错误：') + '\n'
  );
}
