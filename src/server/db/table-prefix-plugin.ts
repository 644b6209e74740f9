import {
  OperationNodeTransformer,
  SchemableIdentifierNode,
  type TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

class TablePrefixTransformer extends OperationNodeTransformer {
  constructor(private readonly prefix: string) {
    super();
  }

  protected override transformTable(node: TableNode): TableNode {
    const { schema, identifier } = node.table;
    const name = this.prefix + identifier.name;
    return { ...node, table: schema ? SchemableIdentifierNode.createWithSchema(schema.name, name) : SchemableIdentifierNode.create(name) };
  }
}

/**
 * Puts the prefix before every table name in the queries, column references included (`keys.spend`),
 * so the code names tables as `Tables` does. The queries never alias a table, which this would prefix too.
 */
export class TablePrefixPlugin implements KyselyPlugin {
  readonly #transformer: TablePrefixTransformer;

  constructor(prefix: string) {
    this.#transformer = new TablePrefixTransformer(prefix);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
