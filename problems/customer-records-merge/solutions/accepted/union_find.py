class Solution:
    def mergeRecords(self, records: List[List[str]]) -> List[List[str]]:
        parent = {}
        owner = {}

        def find(x):
            root = x
            while parent[root] != root:
                root = parent[root]
            while parent[x] != root:
                parent[x], x = root, parent[x]
            return root

        # Union-find over identifiers: each record joins all of its own.
        for name, *ids in records:
            for ident in ids:
                if ident not in parent:
                    parent[ident] = ident
                    owner[ident] = name
            first = find(ids[0])
            for ident in ids[1:]:
                root = find(ident)
                if root != first:
                    parent[root] = first
        groups = {}
        for ident in parent:
            groups.setdefault(find(ident), []).append(ident)
        merged = [[owner[root]] + sorted(ids) for root, ids in groups.items()]
        # Name first, then the smallest identifier: list order does exactly that.
        merged.sort()
        return merged
