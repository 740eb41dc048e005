import { category } from './define';

/** Collaboration, design, office and business software, and developer tools that are not build tools. */
export const tools = category('tool', [
  ['Jira', { aliases: ['Atlassian Jira', 'JIRA', 'Jira Software'] }],
  ['Confluence', { aliases: ['Atlassian Confluence'], needsContext: ['Confluence'] }],
  ['Trello', {}],
  ['Asana', { needsContext: ['Asana'] }],
  ['Notion', { needsContext: ['Notion'] }],
  ['Zendesk', {}],
  ['Visual Studio', { aliases: ['MS Visual Studio'] }],
  ['Visual Studio Code', { id: 'vs-code', aliases: ['VS Code', 'VSCode'] }],
  ['IntelliJ IDEA', { id: 'intellij', aliases: ['IntelliJ', 'JetBrains IDEs'] }],
  ['Vim', { aliases: ['Neovim'] }],
  ['Figma', {}],
  ['Sketch', { needsContext: ['Sketch'] }],
  ['Adobe XD', {}],
  ['Microsoft Excel', { id: 'excel', aliases: ['Excel', 'MS Excel', 'VLOOKUP'], needsContext: ['Excel'] }],
  ['Microsoft PowerPoint', { id: 'powerpoint', aliases: ['PowerPoint', 'MS PowerPoint'] }],
  ['Microsoft Word', { id: 'microsoft-word', aliases: ['MS Word'] }],
  ['Google Workspace', { aliases: ['G Suite', 'Google Sheets', 'Google Docs'] }],
  ['QuickBooks', { aliases: ['QuickBooks Online', 'Intuit QuickBooks'] }],
  ['Xero', {}],
]);
