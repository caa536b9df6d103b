/**
 * A table of the guide pages. The first cell of each row names the row: a header name set in
 * monospace ("code"), or a row header ("label").
 */
export function GuideTable({
  columns,
  rows,
  firstColumn,
}: {
  /** Column titles; an empty one is read out as "What" but not shown. */
  columns: string[];
  rows: string[][];
  firstColumn: "code" | "label";
}) {
  return (
    <div className="overflow-x-auto [contain:inline-size] rounded-md border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-neutral-200 bg-neutral-50">
          <tr>
            {columns.map((column, index) => (
              <th key={column || index} scope="col" className="px-3 py-2 font-medium">
                {column || <span className="sr-only">What</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, ...cells]) => (
            <tr key={name} className="border-b border-neutral-100 align-top last:border-0">
              {firstColumn === "code" ? (
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{name}</td>
              ) : (
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-medium">
                  {name}
                </th>
              )}
              {cells.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: cells of a fixed table never move
                <td key={index} className="px-3 py-2">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
