class Solution:
    def minSlots(self, jobs: str, cooldown: int) -> int:
        # Greedy by rounds of cooldown + 1 slots: each round runs the most
        # remaining types once. A round that ends the queue need not be padded.
        heap = [-c for c in Counter(jobs).values()]
        heapify(heap)
        slots = 0
        while heap:
            ran = []
            for _ in range(cooldown + 1):
                if not heap:
                    break
                ran.append(heappop(heap) + 1)
            for left in ran:
                if left < 0:
                    heappush(heap, left)
            slots += cooldown + 1 if heap else len(ran)
        return slots
