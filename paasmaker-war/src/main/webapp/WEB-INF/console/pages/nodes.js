import {h, show, table} from '../dom.js';
import {get} from '../api.js';

export async function render() {
  const nodes = await get('nodes');
  show('Nodes', h('h1', {}, 'Nodes'), table('Nodes and their runtimes', ['Node', 'Tags', 'Ports', 'Instances', 'Runtimes'],
    nodes.map(node => [node.name,
      Object.entries(node.tags || {}).map(([key, value]) => h('span', {class: 'tag'}, `${key}: ${value}`)),
      node.ports, node.runningInstances,
      h('ul', {class: 'plain'}, Object.entries(node.runtimes || {}).map(([plugin, versions]) =>
        h('li', {}, h('code', {}, plugin), ` ${versions.join(', ')}`)))])));
}
