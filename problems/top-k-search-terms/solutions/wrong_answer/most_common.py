# Bug: Counter.most_common breaks ties by first appearance in the log, not
# alphabetically.
class Solution:
    def topTerms(self, queries: List[str], k: int) -> List[str]:
        return [w for w, _ in Counter(queries).most_common(k)]
